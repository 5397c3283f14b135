namespace LandCarbon.Core.Study;

/// <summary>
/// Base of the sections later modules own (<c>change:</c>, <c>poi:</c>, <c>regression:</c>, <c>spatial:</c>,
/// <c>risk:</c>, <c>report:</c>). A module adds its keys as properties of its record, reads them in the record's
/// <c>Parse(StudySection)</c> with the <see cref="StudySection"/> accessors (a key it does not read is reported
/// as unknown), overrides <see cref="InputFiles"/> when it names files, and puts its commented defaults in the
/// record's <c>Template</c> constant (written by `landcarbon init`). The section's presence in the study file
/// enables the module's stage; an absent section is null in <see cref="StudyDefinition"/>.
/// </summary>
public abstract record ModuleSection : IStudySection
{
    /// <inheritdoc />
    public virtual IEnumerable<string> InputFiles() => [];

    /// <summary>Parse body for a section that has no keys yet: any key is unknown.</summary>
    protected static T WithoutKeys<T>(StudySection section) where T : ModuleSection, new()
    {
        ArgumentNullException.ThrowIfNull(section);
        section.Finish();
        return new T();
    }
}
