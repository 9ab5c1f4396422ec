using System.Reflection;

namespace GeneratedClients.Json;

/// <summary>
/// The entry from the generated transport's <c>ReadObjectResponseAsync&lt;T&gt;</c> (whose <c>T</c> carries no
/// constraint) to <see cref="WireReader.Read{T}"/>: the typed reader of each response type is bound once.
/// </summary>
internal static class WireResponse
{
    /// <summary>Reads a <typeparamref name="T"/> (a generated model) from the body.</summary>
    public static T Read<T>(Stream body, out IReadOnlyList<WireDeviation> deviations) => Reader<T>.Read(body, out deviations);

    /// <summary>Reads a <typeparamref name="T"/> from the body and keeps what the reader read past with the call.</summary>
    public static T Read<T>(Stream body, ExchangeCall call)
    {
        var value = Reader<T>.Read(body, out var deviations);
        call.Deviations = deviations;
        return value;
    }

    private delegate T ReadBody<T>(Stream body, out IReadOnlyList<WireDeviation> deviations);

    private static class Reader<T>
    {
        public static readonly ReadBody<T> Read = Bind();

        private static ReadBody<T> Bind()
        {
            if (!typeof(T).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWireModel<>)))
            {
                throw new InvalidOperationException($"{typeof(T).FullName} is not a generated model (IWireModel<>); the spec must describe the response as an object schema.");
            }

            var method = typeof(WireReader).GetMethod(nameof(WireReader.Read), BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(typeof(T));
            return method.CreateDelegate<ReadBody<T>>();
        }
    }
}
