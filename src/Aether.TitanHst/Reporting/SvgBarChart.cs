using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace Aether.TitanHst.Reporting
{
    /// <summary>A horizontal stacked bar chart as inline SVG: one row per label, segments coloured by key, the total at the end.</summary>
    public static class SvgBarChart
    {
        private const int RowHeight = 30;
        private const int BarHeight = 18;
        private const int ValueWidth = 48;

        /// <summary>The page's content width: a full-width chart drawn at it shows its text at the page's own size.</summary>
        public const int FullWidth = 920;

        /// <summary>A chart in one of two columns.</summary>
        public const int HalfWidth = 440;

        /// <summary>The SVG markup (inline in HTML5, so no namespace URL); every label is HTML-encoded and the chart carries its own text alternative.</summary>
        /// <remarks>Drawn at <paramref name="width"/> pixels (shrinking only on narrow screens), so labels keep the page's text size.</remarks>
        public static string Render(string title, IReadOnlyList<KeyValuePair<string, IReadOnlyList<KeyValuePair<string, int>>>> rows, Func<string, string> colour, int width)
        {
            const int labelWidth = 128;
            var max = Math.Max(1, rows.Select(r => r.Value.Sum(s => s.Value)).DefaultIfEmpty(0).Max());
            var barArea = width - labelWidth - ValueWidth;
            var height = Math.Max(1, rows.Count) * RowHeight + 6;
            var summary = string.Join("; ", rows.Select(r => $"{r.Key}: " + string.Join(", ", r.Value.Select(s => $"{s.Value} {s.Key}"))));
            var svg = new StringBuilder();
            svg.Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(title)}\">"));
            svg.Append("<title>").Append(E(title + ". " + summary)).Append("</title>");
            for (var i = 0; i < rows.Count; i++)
            {
                var y = i * RowHeight + 4;
                var total = rows[i].Value.Sum(s => s.Value);
                svg.Append(Inv($"<text class=\"label\" x=\"{labelWidth - 10}\" y=\"{y + BarHeight - 4}\" text-anchor=\"end\">")).Append(E(Cut(rows[i].Key))).Append("</text>");
                svg.Append(Inv($"<rect class=\"track\" x=\"{labelWidth}\" y=\"{y}\" width=\"{barArea}\" height=\"{BarHeight}\" rx=\"3\"/>"));
                double x = labelWidth;
                foreach (var segment in rows[i].Value.Where(s => s.Value > 0))
                {
                    var w = Math.Max(2.0, barArea * segment.Value / (double)max);
                    svg.Append(Inv($"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{BarHeight}\" fill=\"{colour(segment.Key)}\">"))
                        .Append("<title>").Append(E($"{rows[i].Key}: {segment.Value} {segment.Key}")).Append("</title></rect>");
                    x += w;
                }

                svg.Append(Inv($"<text class=\"value\" x=\"{x + 8:0.#}\" y=\"{y + BarHeight - 4}\">{total}</text>"));
            }

            return svg.Append("</svg>").ToString();
        }

        private static string Cut(string label) => label.Length <= 16 ? label : label.Substring(0, 15) + "…";

        private static string E(string text) => WebUtility.HtmlEncode(text);

        private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    }
}
