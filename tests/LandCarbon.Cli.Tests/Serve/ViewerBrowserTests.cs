using System.Diagnostics;
using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace LandCarbon.Cli.Tests.Serve;

/// <summary>
/// The viewer in Debian's Chromium driven by Selenium (chromium-driver): it opens on the served run, the first tile of
/// every layer loads, a click on the map shows a popup whose value is the raster's value at that point as GDAL reads
/// it, and the Chinese switch changes the titles. Writes the screenshot of docs/serve.md when SERVE_SCREENSHOT names a
/// file.
/// </summary>
public partial class ServeApiTests
{
    [Fact]
    public void Viewer_loads_tiles_answers_clicks_with_GDAL_values_and_switches_to_Chinese()
    {
        if (!Web.Viewer.IsBuilt) Assert.Skip("the viewer was not built (no Node.js at build time)");
        string driverPath = TestData.RequireTool("chromedriver");
        TestData.RequireTool("chromium");
        TestData.RequireTool("gdallocationinfo");
        var options = new ChromeOptions { BinaryLocation = Path.Combine(Path.GetDirectoryName(TestData.RequireTool("chromium"))!, "chromium") };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--use-gl=swiftshader", "--enable-unsafe-swiftshader", "--window-size=1280,800");
        using var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, "chromedriver");
        service.HideCommandPromptWindow = true;
        using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(180));
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(120));
        driver.Navigate().GoToUrl(Fixture.App.Address);
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");

        // The first tile of every layer (the tile holding the centre of its bounds at zoom 8) loads as a PNG.
        var js = (IJavaScriptExecutor)driver;
        var statuses = (IReadOnlyCollection<object>)js.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            fetch('api/layers').then(r => r.json()).then(async c => {
              const out = [];
              for (const l of c.layers) {
                const lon = (l.bounds[0] + l.bounds[2]) / 2, lat = (l.bounds[1] + l.bounds[3]) / 2, z = 8;
                const x = Math.floor((lon + 180) / 360 * 2 ** z);
                const y = Math.floor((1 - Math.asinh(Math.tan(lat * Math.PI / 180)) / Math.PI) / 2 * 2 ** z);
                const r = await fetch(l.tiles.replace('{z}', z).replace('{x}', x).replace('{y}', y));
                const b = await r.blob();
                out.push(l.id + ':' + r.status + ':' + b.type + ':' + b.size);
              }
              done(out);
            });
            """)!;
        Assert.Equal(Fixture.Catalog.Layers.Count, statuses.Count);
        Assert.All(statuses, s => Assert.Matches(":200:image/png:[1-9]", (string)s));

        // Click on the centre of a pixel of the shown layer (land use): the popup's value is GDAL's.
        var layer = Fixture.Catalog.Layers[0];
        var g = layer.Grid;
        var (cx, cy) = g.Transform.PixelCenter(g.Width / 3, g.Height / 2);
        var (lon, lat) = layer.Transformer.Inverse(cx, cy);
        var point = (IReadOnlyCollection<object>)js.ExecuteScript(
            "const p = window.landcarbonMap.project([arguments[0], arguments[1]]); return [p.x, p.y];", lon, lat)!;
        var xy = point.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        var canvas = driver.FindElement(By.CssSelector("#map canvas"));
        var size = canvas.Size;
        new OpenQA.Selenium.Interactions.Actions(driver)
            .MoveToElement(canvas, (int)Math.Round(xy[0] - size.Width / 2.0), (int)Math.Round(xy[1] - size.Height / 2.0)).Click().Perform();
        var cell = wait.Until(d => d.FindElements(By.CssSelector(".maplibregl-popup td.value")).FirstOrDefault());
        var clicked = (IReadOnlyCollection<object>)js.ExecuteScript(
            "const c = window.landcarbonMap.unproject([arguments[0], arguments[1]]); return [c.lng, c.lat];", xy[0], xy[1])!;
        var ll = clicked.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        string gdal = Gdal(Path.Combine(Fixture.Dir, "rasters", layer.Id + ".tif"), ll[0], ll[1]);
        int code = (int)double.Parse(gdal, CultureInfo.InvariantCulture);
        string expected = $"{layer.Legend.Classes.Single(c => c.Value == code).En} ({code})";
        Assert.Equal(expected, cell!.Text);

        // English → Chinese.
        string before = driver.FindElement(By.Id("title")).Text;
        driver.FindElement(By.Id("lang")).Click();
        wait.Until(d => d.FindElement(By.Id("title")).Text != before);
        Assert.Contains("碳收支地图", driver.FindElement(By.Id("title")).Text, StringComparison.Ordinal);
        Assert.Contains(layer.TitleZh.Split(' ')[0], driver.FindElement(By.Id("legend")).Text, StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("SERVE_SCREENSHOT") is { Length: > 0 } shot)
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(shot);
    }

    private static string Gdal(string file, double lon, double lat)
    {
        var psi = new ProcessStartInfo("gdallocationinfo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-valonly", "-wgs84", file, lon.ToString("R", CultureInfo.InvariantCulture), lat.ToString("R", CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string o = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return o.Trim();
    }
}
