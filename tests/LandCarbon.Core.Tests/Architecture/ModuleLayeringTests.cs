namespace LandCarbon.Core.Tests.Architecture;

/// <summary>
/// The layering of LandCarbon.Core (docs/architecture.md), checked on the compiled assembly: a kernel every module may
/// use, domain modules that use each other only along the declared DAG below, and the composition layer (Study,
/// Pipeline with its stages, Demo) on top. A new import between modules must be declared here on purpose, and a cycle
/// cannot come back without a new undeclared import.
/// </summary>
public class ModuleLayeringTests
{
    /// <summary>The kernel, in order: each may use only the ones before it.</summary>
    internal static readonly string[] Kernel = ["Outputs", "Models", "Numerics", "Tables", "Raster", "Geodesy", "Processing"];

    /// <summary>Each domain module and the other domain modules it may use (besides the whole kernel).</summary>
    internal static readonly Dictionary<string, string[]> Domain = new()
    {
        ["LandUse"] = [],
        ["Spaces"] = [],
        ["Zonal"] = [],
        ["Poi"] = [],
        ["Regression"] = [],
        ["SpatialStatistics"] = [],
        ["Accounting"] = ["LandUse", "Poi", "Zonal"],
        ["LandUseChange"] = ["LandUse", "Accounting", "Spaces"],
        ["Simulation"] = ["LandUse", "Accounting", "LandUseChange", "Risk", "Zonal"],
        ["Uncertainty"] = ["Accounting", "LandUseChange", "Spaces"],
        ["Risk"] = ["LandUse", "Accounting", "LandUseChange", "Regression", "SpatialStatistics", "Zonal"],
    };

    /// <summary>The composition layer, in order: each may use kernel, domain and the ones before it. The stages of the
    /// run count in Pipeline (<see cref="NamespaceGraph.StageNamespace"/>) wherever their files lie.</summary>
    internal static readonly string[] Composition = ["Study", "Pipeline", "Demo"];

    /// <summary>
    /// Imports that break the layering today, each with what it is for. They are waiting for the study spec per module
    /// (issue #16 item 3: module settings move out of Study into their modules) and for the stages' output helpers to
    /// leave Accounting. <see cref="KnownDebt_StillExists"/> fails when one is gone, so this list only shrinks.
    /// </summary>
    internal static readonly Dictionary<(string From, string To), string> KnownDebt = new()
    {
        [("Accounting", "Study")] = "CorrectionSettings and ClimateReference (the accounting.corrections section) live in Study",
        [("Accounting", "Pipeline")] = "RasterOutputs.GeoTiff and StockAccounting.WriteTables take the RunContext",
        [("Risk", "Study")] = "RiskAnalysis.FromChange takes the study's RiskSection",
    };

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Build(
        typeof(Core.Models.InputException).Assembly.Location, "LandCarbon.Core", Path.Combine(TestData.RepoRoot, "src", "LandCarbon.Core")));

    /// <summary>True when the layering allows <paramref name="from"/> to use <paramref name="to"/> (both modules).</summary>
    internal static bool Allowed(string from, string to)
    {
        int Rank(string m) => Array.IndexOf(Kernel, m) is >= 0 and var k ? k : Domain.ContainsKey(m) ? 100 : 200 + Array.IndexOf(Composition, m);
        int rf = Rank(from), rt = Rank(to);
        if (rf < 100) return rt < rf;                          // kernel: only earlier kernel
        if (rf == 100) return rt < 100 || (rt == 100 && Domain[from].Contains(to));   // domain: kernel + declared DAG
        return rt < rf;                                        // composition: everything below and earlier composition
    }

    /// <summary>The module graph with the stages folded into Pipeline.</summary>
    internal static NamespaceGraph Modules() => Graph.Value.Modules();

    [Fact]
    public void EveryModule_IsPlacedInTheLayering()
    {
        var unplaced = Modules().Namespaces.Where(m => !Kernel.Contains(m) && !Domain.ContainsKey(m) && !Composition.Contains(m)).ToList();
        Assert.True(unplaced.Count == 0, "Namespaces of LandCarbon.Core in no layer of ModuleLayeringTests (add them to Kernel, " +
            "Domain with their allowed imports, or Composition, and to docs/architecture.md): " + string.Join(", ", unplaced));
    }

    [Fact]
    public void DeclaredLayering_IsAcyclic()
    {
        // The domain DAG must be a DAG: a depth-first walk finds no module twice on one path.
        var state = new Dictionary<string, int>();
        bool Cycle(string m)
        {
            if (state.GetValueOrDefault(m) == 1) return true;
            if (state.GetValueOrDefault(m) == 2) return false;
            state[m] = 1;
            bool c = Domain[m].Any(Cycle);
            state[m] = 2;
            return c;
        }
        Assert.DoesNotContain(Domain.Keys, Cycle);
        Assert.All(Domain, kv => Assert.All(kv.Value, to => Assert.True(Domain.ContainsKey(to), $"{kv.Key} may use {to}, which is no domain module")));
    }

    [Fact]
    public void EveryImportBetweenModules_FollowsTheLayering()
    {
        var graph = Modules();
        Assert.True(graph.Edges.Count > 50, $"only {graph.Edges.Count} imports between modules: is the graph read from the right assembly?");
        var sideways = graph.Edges.Where(e => !Allowed(e.Key.From, e.Key.To) && !KnownDebt.ContainsKey(e.Key))
            .Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})").Order(StringComparer.Ordinal).ToList();
        Assert.True(sideways.Count == 0, "Imports that break the layering of docs/architecture.md (move the shared type down to the " +
            "kernel or to the module both sides may use, or declare the import in ModuleLayeringTests.Domain on purpose):\n" + string.Join("\n", sideways));
    }

    [Fact]
    public void KnownDebt_StillExists()
    {
        var edges = Modules().Edges;
        var gone = KnownDebt.Keys.Where(k => !edges.ContainsKey(k) || Allowed(k.From, k.To)).Select(k => $"{k.From} → {k.To}").ToList();
        Assert.True(gone.Count == 0, "Paid debt: remove from ModuleLayeringTests.KnownDebt (and docs/architecture.md): " + string.Join(", ", gone));
    }

    [Fact]
    public void NoCycle_BetweenNamespaces_ExceptThroughKnownDebt()
    {
        var full = Graph.Value;
        // Between modules, leaving out the debt edges: none at all.
        var modules = full.Modules();
        var withoutDebt = NamespaceGraph.FromEdges(modules.Edges.Keys.Where(e => !KnownDebt.ContainsKey(e)));
        Assert.True(withoutDebt.Cycles().Count == 0, "Cycles between modules:\n" + string.Join("\n", withoutDebt.Cycles().Select(c => string.Join(" ↔ ", c))));
        // Between the namespaces of one module (Regression ↔ Regression.Solvers is one module's business) nothing
        // else cycles: every namespace cycle lies inside one module or runs through a debt edge.
        foreach (var cycle in full.Cycles())
        {
            var ms = cycle.Select(NamespaceGraph.Module).Distinct().ToList();
            Assert.True(ms.Count == 1 || ms.Any(m => KnownDebt.Keys.Any(k => k.From == m)),
                "Cycle between namespaces of several modules: " + string.Join(" ↔ ", cycle));
        }
    }

    [Fact]
    public void TiffCode_LivesOnlyInRasterGeoTiff()
    {
        // Compiled: only Raster.GeoTiff uses the TIFF library.
        var users = Graph.Value.Assemblies.Where(kv => kv.Value.Any(a => a.StartsWith("BitMiracle", StringComparison.Ordinal))).Select(kv => kv.Key).ToList();
        Assert.Equal(["Raster.GeoTiff"], users);
        // Sources of every project: nothing outside src/LandCarbon.Core/Raster/GeoTiff names the TIFF library or
        // decodes TIFF tags itself.
        string geoTiff = Path.Combine("src", "LandCarbon.Core", "Raster", "GeoTiff") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestData.RepoRoot, f))
            .Where(f => !f.StartsWith(geoTiff, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(Path.Combine(TestData.RepoRoot, f)) is var t &&
                        (t.Contains("BitMiracle", StringComparison.Ordinal) || t.Contains("TiffTag", StringComparison.Ordinal)))
            .ToList();
        Assert.True(offenders.Count == 0, "TIFF code outside src/LandCarbon.Core/Raster/GeoTiff: " + string.Join(", ", offenders));
    }
}
