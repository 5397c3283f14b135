using System.CommandLine;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.Simulation;

namespace LandCarbon.Cli.Commands.Simulate;

/// <summary>`landcarbon simulate STUDY.yaml --out DIR`: the accounting (class maps and class carbon coefficients)
/// and the study's <c>simulation:</c> section only, with the same outputs as in `landcarbon run`.</summary>
internal static class SimulateCommand
{
    public static Command Create() => Run.RunCommand.Create("simulate",
        "Run the land-use simulation of the study file (hindcast and scenarios) after its accounting; other sections are skipped.",
        "Writes hindcast accuracy, scenario maps to the horizon years, demand, driver importance and scenario budgets, and in flux mode the projected years' CBI and ΔCBI with their tables and checks (the same files as in `landcarbon run`; the scenario risk levels need the risk stage of `run`).",
        ["methods/simulation.md"], [new AccountingStage(), new SimulationStage()]);
}
