namespace LandCarbon.Core.Demo;

/// <summary>
/// The stage sections of the demo's study file: every stage that exists runs, with two scenarios (natural
/// development and low-carbon) projected to 2030 and 2035 from the last observed interval. The fishnet of the regression, the
/// spatial statistics and the risk grading is about 2.4 km (a whole number of pixels), so their cost does not grow
/// with the pixel count.
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
            poi:
              mode: sectors
              sectorTotals: {industrial: 68, transport: 11, residential: 11, commercial-service: 6, public-service: 4}
              minFactor: 0.3
        change: {}
        poi:
          file: pois.csv
          crs: gcj02
          radiusM: 1000
        regression:
          unit: fishnet
          fishnetMeters: {fishnet}
          taus: [0.1, 0.25, 0.5, 0.75, 0.9]
        spatial:
          fishnetMeters: {fishnet}
          giStarBandMeters: {band}
          permutations: 999
        risk:
          fishnetMeters: {fishnet}
          zones:
            file: counties.geojson
            crs: wgs84

        """;

    /// <summary>The simulation section (left out with <see cref="DemoOptions.Simulation"/> false).</summary>
    public const string Simulation = """
        simulation:
          horizon: [2030, 2035]
          scenarios: [natural, lowCarbon]
          dem: dem.tif

        """;
}
