namespace Ivr.Storage.Deploy.Tests.Architecture;

/// <summary>
/// A <c>ProjectReference</c>: the referenced project's directory from the repository root, and whether its assembly is
/// referenced (false for a project only built first, to be run as a process: <c>ReferenceOutputAssembly="false"</c>).
/// </summary>
internal sealed record ProjectReference(string Target, bool ReferencesAssembly);
