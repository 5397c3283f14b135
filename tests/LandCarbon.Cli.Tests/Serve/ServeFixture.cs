using LandCarbon.Cli.Commands.Demo;
using LandCarbon.Web;

namespace LandCarbon.Cli.Tests.Serve;

/// <summary>A tiny real run (the demo at 100 × 100 px) served by Kestrel on 127.0.0.1 at a free port.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public string Dir { get; } = TestData.TempDir();
    public RunCatalog Catalog { get; private set; } = null!;
    public ServeApp App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        DemoCommand.Run(Dir, 100, 42, "en", CancellationToken.None);
        Catalog = RunCatalog.Open(Dir);
        App = ServeApp.Create(Catalog, "127.0.0.1", 0);
        await App.StartAsync();
        Http = new HttpClient { BaseAddress = App.Address };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Catalog.Dispose();
    }
}
