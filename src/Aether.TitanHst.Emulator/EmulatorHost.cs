using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Emulator.Endpoints;
using Aether.TitanHst.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// One running emulator on 127.0.0.1. Program and the tests both start it here, so the tests exercise the same
/// pipeline the launcher runs.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StatePersistence? _persistence;

    private EmulatorHost(WebApplication app, EmulatorState state, StatePersistence? persistence, Uri baseUri)
    {
        _app = app;
        State = state;
        _persistence = persistence;
        BaseUri = baseUri;
    }

    /// <summary>The origin, e.g. http://127.0.0.1:5123/ (API under api/v1/, tokens at oauth/token).</summary>
    public Uri BaseUri { get; }

    public EmulatorState State { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var state = new EmulatorState(options, clock ?? TimeProvider.System);
        state.LoadInitial();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders(); // stdout carries only the LISTENING line; nothing logs secrets or tokens
        // Loopback only, whatever ASPNETCORE_URLS or other configuration says.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            // Kestrel rejects a non-ASCII header byte itself, with a bare 400 and no X-Request-Id. Read header bytes
            // as Latin-1 instead so such a value reaches the app, which answers with a problem (docs §4.3, §8).
            k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        });
        builder.WebHost.UseSetting(WebHostDefaults.PreventHostingStartupKey, "true");

        var app = builder.Build();
        app.UseRouting();
        app.Use((context, next) => ApiPipeline.InvokeAsync(context, next, state));
        TokenEndpoints.Map(app, state);
        StaffReadEndpoints.Map(app, state);
        StaffCreateEndpoint.Map(app, state);
        StaffChangeEndpoints.Map(app, state);
        ReferenceEndpoints.Map(app, state);
        ControlEndpoints.Map(app, state);
        // "{*path}", not MapFallback's default "{*path:nonfile}": that one skips a path whose last segment holds a '.'
        // (GET /api/v1/foo.json, PUT /api/v1/staff/stf_a.b), which then got a bare 404 instead of the documented problem.
        app.MapFallback("{*path}", (HttpContext c) => Problems.NotFound(c, $"No route {c.Request.Method} {c.Request.Path}."))
            .WithMetadata(UnknownRoute.Marker);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var persistence = options.StateFile is { } path ? new StatePersistence(state.Store, path) : null;
        return new EmulatorHost(app, state, persistence, new Uri($"http://127.0.0.1:{port}/"));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        if (_persistence is not null)
        {
            await _persistence.DisposeAsync();
        }

        await _app.DisposeAsync();
    }
}
