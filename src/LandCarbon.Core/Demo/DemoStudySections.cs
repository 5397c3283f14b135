namespace LandCarbon.Core.Demo;

/// <summary>
/// The stage sections of the demo's study file. Each module's keys are written here as the module's study section
/// learns them, so the demo always runs every stage that exists. The spatial stage is left out for now: with no
/// keys to size its fishnet and permutations it is slow on the demo grid (add <c>spatial: {}</c> to run it).
/// </summary>
internal static class DemoStudySections
{
    public const string Text = """
        accounting:
          mode: flux
          units: tC
          construction:
            energy: energy.csv
            zones: counties.tif
          corrections:
            vegetation:
              raster: ndvi.tif
            climate:
              precipitation: precipitation.tif
              temperature: temperature.tif
        change: {}
        poi:
          file: pois.csv
          crs: gcj02
          radiusM: 1000
        risk:
          fishnetMeters: {fishnet}
          zones:
            file: counties.geojson
            crs: wgs84

        """;
}
