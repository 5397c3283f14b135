using System.CommandLine;
using LandCarbon.Core.Models;
using LandCarbon.Core.Study;

namespace LandCarbon.Cli.Commands.Init;

/// <summary>`landcarbon init STUDY.yaml`: a commented study template with every default and its source, plus the
/// default coefficient and energy-factor tables beside it.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var study = new Argument<string>("STUDY") { Description = "The study file to write (YAML)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing study file." };
        var cmd = new DocumentedCommand("init", "Write a commented study template with every default and its source, and the default tables beside it.", ["study-file.md"],
            "The template and docs/study-file.md come from the same key declarations.") { study, force };
        CliAction.Set(cmd, (pr, ct) =>
        {
            string path = pr.GetValue(study)!;
            if (File.Exists(path) && !pr.GetValue(force))
                throw new InputException($"{path}: the file exists; use --force to overwrite it.");
            foreach (var f in StudyTemplate.Write(path)) Console.Out.WriteLine("wrote " + f);
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }
}
