using System.CommandLine;
using Ivr.Storage.Verify;
using Ivr.Storage.Verify.Export;

var proof = new Option<string>("--proof") { Description = "A version proof as GET /entities/{type}/{id}/versions/{n}/proof returns it.", Required = true };
var keys = new Option<string[]>("--key") { Description = "A trusted Ed25519 public key (SPKI PEM); repeat for rotated keys.", Required = true, AllowMultipleArgumentsPerToken = true };
var head = new Option<string?>("--head") { Description = "A head kept outside the store (as exported): the proof must be against it." };
var authorities = new Option<string[]>("--tsa-cert") { Description = "A trusted RFC 3161 timestamp authority (certificate or root, PEM); heads' timestamp tokens must chain to one. Repeatable.", AllowMultipleArgumentsPerToken = true };
var root = new RootCommand("ivr-storage-verify: checks IVR.Storage audit evidence offline. Exit code 0 valid, 1 invalid, 2 unreadable input.");
root.Options.Add(proof);
root.Options.Add(keys);
root.Options.Add(head);
root.Options.Add(authorities);
root.SetAction(parse => VerifyCommand.Run(parse.GetValue(proof)!, TrustFiles.Of(parse.GetValue(keys), parse.GetValue(authorities)), parse.GetValue(head), Console.Out));

var exportFile = new Argument<string>("file") { Description = "An export as GET /export returns it (NDJSON)." };
var exportKeys = new Option<string[]>("--key") { Description = "A trusted Ed25519 public key (SPKI PEM); repeat for rotated keys.", Required = true, AllowMultipleArgumentsPerToken = true };
var exportHead = new Option<string?>("--head") { Description = "A head kept outside the store: the export must be against it." };
var exportAuthorities = new Option<string[]>("--tsa-cert") { Description = "A trusted RFC 3161 timestamp authority (certificate or root, PEM). Repeatable.", AllowMultipleArgumentsPerToken = true };
var export = new Command("export", "Checks every version of an export: its content against its hash, its link to the previous version, its inclusion in the export's head; names the first bad leaf.");
export.Arguments.Add(exportFile);
export.Options.Add(exportKeys);
export.Options.Add(exportHead);
export.Options.Add(exportAuthorities);
export.SetAction(parse => ExportCommand.Run(parse.GetValue(exportFile)!, TrustFiles.Of(parse.GetValue(exportKeys), parse.GetValue(exportAuthorities)), parse.GetValue(exportHead), Console.Out));
root.Subcommands.Add(export);
return root.Parse(args).Invoke();
