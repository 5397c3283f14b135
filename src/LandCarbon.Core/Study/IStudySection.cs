namespace LandCarbon.Core.Study;

/// <summary>
/// A section of the study file owned by one module. The loader parses each section with the module's own
/// <c>Parse(StudySection)</c>; the run records the files it names (with SHA-256) in run.json.
/// </summary>
public interface IStudySection
{
    /// <summary>Every input file this section refers to (absolute paths).</summary>
    IEnumerable<string> InputFiles();
}
