using LandCarbon.Core.Models;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

public class RiskSectionTests
{
    private static string Dir()
    {
        string d = TestData.TempDir();
        File.WriteAllBytes(Path.Combine(d, "lu_2000.tif"), [0]);
        File.WriteAllBytes(Path.Combine(d, "lu_2010.tif"), [0]);
        File.WriteAllText(Path.Combine(d, "counties.geojson"), "{}");
        return d;
    }

    private const string Head = "years:\n  2000: lu_2000.tif\n  2010: lu_2010.tif\naccounting:\n  construction:\n    value: 50\n";

    [Fact]
    public void Defaults_AndEveryKey()
    {
        string d = Dir();
        var s = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head + "risk: {}\n");
        Assert.NotNull(s.Risk);
        Assert.Equal(5, s.Risk.Options.LevelCount);
        Assert.Equal(RiskForecasts.Default, s.Risk.Options.Forecasts);
        Assert.Equal(0.9, s.Risk.Options.DriverTau);
        Assert.Equal(RiskIndexKind.DeltaCbi, s.Risk.Index);
        Assert.Equal([-1.0, 0, 1, 2], s.Risk.Options.EffectiveErrorTheoryK);
        Assert.Null(s.Risk.ZonesFile);
        Assert.Null(s.Risk.KeyAreas.TopCount);
        var t = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head +
            "risk:\n  levels: 4\n  fishnetMeters: 1000\n  stableEpsilon: 0.01\n  transform:\n    kind: boxcox\n    shift: 2\n" +
            "  errorTheory:\n    k: [-0.5, 0.5, 1.5]\n  parameter:\n    reference: value\n    value: 3\n    multiples: [0.5, 1, 2]\n" +
            "  fluctuation:\n    mode: historical\n    k: [-1, 0, 1]\n  index: deltaCbiPerKm2\n  forecast: [trend, drivers]\n  forecastYears: 5\n" +
            "  drivers:\n    tau: 0.5\n    lagIndex: false\n    maxUnits: 2000\n" +
            "  observedGrade:\n    breaks: [1, 2, 3]\n  validation:\n    stratified: true\n    sampleSize: 98\n" +
            "  zones:\n    file: counties.geojson\n    crs: wgs84\n    idField: code\n    method: parameter\n  keyAreas:\n    top: 5\n");
        var r = t.Risk!;
        Assert.Equal(4, r.Options.LevelCount);
        Assert.Equal(1000, r.FishnetMeters);
        Assert.Equal(IndexTransformKind.BoxCox, r.Options.Transform);
        Assert.Equal(2, r.Options.BoxCoxShift);
        Assert.Equal(ParameterReference.Value, r.Options.ParameterReference);
        Assert.Equal(3, r.Options.ParameterValue);
        Assert.Equal(FluctuationMode.Historical, r.Options.FluctuationMode);
        Assert.Equal(RiskIndexKind.DeltaCbiPerKm2, r.Index);
        Assert.Equal([RiskForecast.Trend, RiskForecast.Drivers], r.Options.Forecasts);
        Assert.Equal(5, r.Options.ForecastYears);
        Assert.Equal(0.5, r.Options.DriverTau);
        Assert.False(r.Options.DriverLagIndex);
        Assert.Equal(2000, r.Options.DriverMaxUnits);
        Assert.Equal([1.0, 2, 3], r.Options.ObservedGradeBreaks);
        Assert.True(r.Options.StratifiedSample);
        Assert.Equal(98, r.Options.SampleSize);
        Assert.EndsWith("counties.geojson", r.ZonesFile, StringComparison.Ordinal);
        Assert.Equal("wgs84", r.ZoneCrs);
        Assert.Equal("code", r.ZoneIdField);
        Assert.Equal("parameter", r.ZoneMethod);
        Assert.Equal(5, r.KeyAreas.TopCount);
        Assert.Contains(r.ZonesFile!, r.InputFiles());
    }

    [Fact]
    public void CompositeAndDominantFactor_AreSelectable()
    {
        string d = Dir();
        var c = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head + "risk:\n  fishnetMeters: 990\n  index: composite\n  composite:\n    weights: given\n    values: [2, 1, 1]\n").Risk!;
        Assert.Equal(RiskIndexKind.Composite, c.Index);
        Assert.Equal([2.0, 1, 1], c.CompositeWeights);
        var f = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head + "risk:\n  fishnetMeters: 990\n  index: dominantFactor\n").Risk!;
        Assert.Equal(RiskIndexKind.DominantFactor, f.Index);
        Assert.Equal([RiskForecast.Drivers], f.Options.Forecasts);
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head + "risk:\n  index: composite\n"));
        Assert.Contains("composite needs fishnet cells", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValues_AreNamedWithTheirKeys()
    {
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(Dir(), "s.yaml"), Head +
            "risk:\n  levels: 4\n  transform:\n    kind: sqrt\n  errorTheory:\n    k: [-1, 0, 1, 2]\n  zones:\n    file: missing.geojson\n  forecast: [weather]\n  index: deltaCbiPerKm2\n  colour: red\n"));
        Assert.Contains("risk.transform.kind", e.Message, StringComparison.Ordinal);
        Assert.Contains("risk.errorTheory.k", e.Message, StringComparison.Ordinal);
        Assert.Contains("risk.zones.file", e.Message, StringComparison.Ordinal);
        Assert.Contains("colour", e.Message, StringComparison.Ordinal);
        Assert.Contains("risk.forecast", e.Message, StringComparison.Ordinal);
        Assert.Contains("deltaCbiPerKm2 needs fishnet cells", e.Message, StringComparison.Ordinal);
    }
}
