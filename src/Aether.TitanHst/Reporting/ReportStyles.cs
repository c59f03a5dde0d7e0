namespace Aether.TitanHst.Reporting
{
    /// <summary>The report's inline style sheet: system fonts only (nothing fetched), calm colours, and a print layout.</summary>
    internal static class ReportStyles
    {
        internal const string Css = @"
:root { --ink:#1d2433; --muted:#5b6578; --line:#e3e7ee; --bg:#f4f6f9; --card:#fff;
  --ok:#1f8a4c; --ok-bg:#e7f5ec; --warn:#b26b00; --warn-bg:#fdf3e1; --bad:#c0392b; --bad-bg:#fbeae8; --calm:#8a94a6; --calm-bg:#eef1f5; }
* { box-sizing:border-box; }
html { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
body { margin:0; background:var(--bg); color:var(--ink); font:15px/1.5 ""Segoe UI"", system-ui, -apple-system, Roboto, ""Helvetica Neue"", ""Noto Sans"", ""Liberation Sans"", Arial, sans-serif; }
.page { max-width:1040px; margin:0 auto; padding:32px 28px 48px; }
.masthead { background:#17324d; color:#fff; border-radius:12px; padding:26px 30px 22px; }
.eyebrow { text-transform:uppercase; letter-spacing:.08em; font-size:12px; color:#b9cde3; margin:0 0 4px; }
h1 { font-size:28px; line-height:1.2; margin:0 0 18px; font-weight:650; }
.meta { display:grid; grid-template-columns:repeat(4, minmax(0,1fr)); gap:12px 24px; margin:0; }
.meta div { min-width:0; }
.meta dt { font-size:11px; text-transform:uppercase; letter-spacing:.06em; color:#9fb6cf; }
.meta dd { margin:2px 0 0; font-size:14px; overflow-wrap:anywhere; }
.mono { font-family:ui-monospace, ""Cascadia Mono"", Consolas, ""DejaVu Sans Mono"", monospace; font-size:.92em; }
.banner { margin:20px 0; padding:14px 18px; border-radius:10px; border-left:6px solid; font-size:17px; font-weight:600; }
.banner.ok { background:var(--ok-bg); border-color:var(--ok); color:#175f36; }
.banner.warn { background:var(--warn-bg); border-color:var(--warn); color:#7a4a00; }
.banner.bad { background:var(--bad-bg); border-color:var(--bad); color:#8e2a1f; }
.banner small { display:block; font-weight:400; font-size:14px; margin-top:2px; }
.tiles { display:grid; grid-template-columns:repeat(6, minmax(0,1fr)); gap:12px; margin:0 0 20px; }
.tile { background:var(--card); border:1px solid var(--line); border-top:5px solid var(--calm); border-radius:10px; padding:12px 14px; }
.tile .n { font-size:30px; font-weight:700; line-height:1.1; }
.tile .k { font-weight:600; }
.tile .d { color:var(--muted); font-size:12.5px; line-height:1.35; margin-top:4px; }
.tile.zero { opacity:.55; }
.card { background:var(--card); border:1px solid var(--line); border-radius:12px; padding:20px 24px; margin:0 0 18px; break-inside:avoid; }
h2 { font-size:19px; margin:0 0 4px; }
h3 { font-size:15px; margin:16px 0 6px; color:var(--muted); font-weight:600; }
.sub { color:var(--muted); margin:0 0 12px; font-size:14px; }
.grid2 { display:grid; grid-template-columns:1fr 1fr; gap:8px 28px; }
.legend { display:flex; flex-wrap:wrap; gap:6px 16px; font-size:13px; color:var(--muted); margin:6px 0 8px; padding:0; list-style:none; }
.legend i { display:inline-block; width:11px; height:11px; border-radius:2px; margin-right:6px; vertical-align:-1px; }
svg.chart { display:block; max-width:100%; height:auto; }
svg.chart text { font-size:13px; fill:var(--ink); }
svg.chart text.value { fill:var(--muted); font-weight:600; }
svg.chart rect.track { fill:#f1f3f7; }
table { width:100%; border-collapse:collapse; font-size:14px; }
th { text-align:left; font-size:12px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); border-bottom:2px solid var(--line); padding:6px 8px; white-space:nowrap; }
td { border-bottom:1px solid var(--line); padding:7px 8px; vertical-align:top; overflow-wrap:break-word; }
td.code { white-space:nowrap; }
tr { break-inside:avoid; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
.pill { display:inline-block; padding:1px 9px; border-radius:999px; font-size:12px; font-weight:600; white-space:nowrap; background:var(--calm-bg); color:#4b5567; }
.pill.Succeeded, .pill.ok { background:var(--ok-bg); color:#175f36; }
.pill.Failed, .pill.bad { background:var(--bad-bg); color:#8e2a1f; }
.pill.Stale, .pill.warn { background:var(--warn-bg); color:#7a4a00; }
.empty { color:var(--muted); font-style:italic; margin:4px 0; }
.more { color:var(--muted); font-size:13px; margin-top:8px; }
.note { background:var(--calm-bg); border-radius:8px; padding:8px 12px; font-size:13.5px; color:#3c4657; margin:0 0 12px; }
.facts { display:grid; grid-template-columns:repeat(5, minmax(0,1fr)); gap:10px 20px; margin:12px 0 8px; }
.facts b { display:block; font-size:22px; }
.facts span { color:var(--muted); font-size:13px; }
code { font-family:ui-monospace, ""Cascadia Mono"", Consolas, ""DejaVu Sans Mono"", monospace; background:var(--calm-bg); padding:1px 5px; border-radius:4px; font-size:.9em; }
footer { color:var(--muted); font-size:13.5px; border-top:1px solid var(--line); margin-top:26px; padding-top:14px; }
footer ol { padding-left:20px; margin:6px 0; }
@media (max-width:760px) { .meta { grid-template-columns:1fr 1fr; } .tiles { grid-template-columns:repeat(2, minmax(0,1fr)); } .grid2 { grid-template-columns:1fr; } .facts { grid-template-columns:1fr 1fr; } }
@media print {
  body { background:#fff; font-size:12px; }
  .page { max-width:none; padding:0; }
  .masthead { border-radius:0; }
  .card, .tile { border-color:#cfd5de; box-shadow:none; }
  .card { page-break-inside:avoid; }
  h2 { page-break-after:avoid; }
}
";
    }
}
