using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvrService.Flow;

// Source-generated metadata keeps the loader reflection-free (the fallback app is Native AOT).
// Strict on purpose: a misspelt property, a duplicate key (e.g. the same menu digit twice) or a null where a value
// is required is an error with its line and position, not a silently ignored setting.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    AllowOutOfOrderMetadataProperties = true,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    MaxDepth = 32)]
[JsonSerializable(typeof(FlowDefinition))]
internal sealed partial class FlowJsonContext : JsonSerializerContext;
