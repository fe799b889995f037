using System.Buffers.Text;
using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Feed;

/// <summary>
/// The opaque cursor of a causation lookup: the last key and version of a page, as base64url of a JSON array
/// (<c>["type","id",version]</c>), so any id round-trips and the cursor is safe in a URL.
/// </summary>
internal static class CausationCursor
{
    public static string Encode(EntityKey key, long version) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new object[] { key.Type, key.Id, version }));

    /// <summary>The key and version after which the page starts; null for the first page.</summary>
    /// <exception cref="EntityValidationException">Not a cursor this lookup made.</exception>
    public static (EntityKey Key, long Version)? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            var items = document.RootElement;
            if (items.ValueKind == JsonValueKind.Array && items.GetArrayLength() == 3 && items[2].TryGetInt64(out var version) && version >= 1)
            {
                return (EntityKey.Create(items[0].GetString(), items[1].GetString()), version);
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException or EntityValidationException)
        {
            // Reported below, as every other malformed cursor.
        }

        throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "cursor",
            "The cursor is not one a causation lookup returned; pass a page's nextCursor unchanged.");
    }
}
