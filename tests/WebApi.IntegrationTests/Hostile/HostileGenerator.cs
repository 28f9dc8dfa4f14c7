using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>
/// Builds hostile requests for any operation of the document: a well-typed base request (ints 1, strings empty, dates a week
/// ahead, arrays of one item) plus one primary mutation and up to two odd extras. Unsafe methods always carry a primary that
/// the app must refuse, so a correct app writes nothing; safe methods may carry odd values only.
/// </summary>
public static class HostileGenerator
{
    public static Gen<HostileRequest> For(IReadOnlyList<ApiOperation> operations) =>
        Gen.Elements(operations.ToArray()).SelectMany(ForOperation);

    /// <summary>
    /// The cases issue 16 lists (see <see cref="HostileValues.IsListed"/>), each on every field, parameter and body of every
    /// operation it applies to, without randomness: they are sent on every run whatever the seed. Odd values on a write are
    /// paired with a value it must refuse, so that nothing is written.
    /// </summary>
    public static IEnumerable<HostileRequest> ListedCases(IReadOnlyList<ApiOperation> operations)
    {
        foreach (var operation in operations)
        {
            // Optional parameters only when targeted, so the one hostile value meets an otherwise plausible request.
            var allOptional = new bool[operation.Parameters.Count];
            var strict = OncePerValue(StrictMutations(operation).SelectMany(c => c).Where(m => m.Listed)).ToList();
            foreach (var mutation in strict) yield return Request(operation, [mutation], allOptional);
            var refusal = strict.FirstOrDefault(m => m.Strictness == Strictness.Invalid) ?? strict.FirstOrDefault();
            foreach (var odd in OncePerValue(OddMutations(operation).SelectMany(c => c).Where(m => m.Listed)))
            {
                if (operation.IsSafe) yield return Request(operation, [odd], allOptional);
                else if (refusal is not null && Compatible(refusal, odd)) yield return Request(operation, [refusal, odd], allOptional);
            }
        }
    }

    private static HostileRequest Request(ApiOperation operation, IReadOnlyList<Mutation> mutations, bool[] includeOptional, bool withSession = true) =>
        new(operation, mutations, withSession, () =>
        {
            var draft = Base(operation, includeOptional);
            foreach (var mutation in mutations) mutation.Apply(draft);
            return draft;
        });

    private static Mutation[] Each<T>(IEnumerable<T> values, Func<T, Mutation> make) =>
        values.Select(v => make(v) with { Listed = HostileValues.IsListed(v?.ToString()), Value = v?.ToString() }).ToArray();

    private static Mutation[] One(Mutation mutation) => [mutation with { Listed = true, Value = mutation.Description.Replace(mutation.Target, "", StringComparison.Ordinal) }];

    /// <summary>Each listed value once per operation, on a different target each time (round robin), so every value and most fields are hit.</summary>
    private static IEnumerable<Mutation> OncePerValue(IEnumerable<Mutation> listed) =>
        listed.GroupBy(m => (m.Strictness, m.Value)).Select((group, i) => group.ElementAt(i % group.Count()));

    public static Gen<HostileRequest> ForOperation(ApiOperation operation)
    {
        var strict = StrictMutations(operation).Select(Gen.Elements).ToList();
        var odd = OddMutations(operation).Select(Gen.Elements).ToList();
        var primary = operation.IsSafe && odd.Count > 0 && strict.Count > 0 ? Gen.OneOf(Gen.OneOf(strict), Gen.OneOf(odd))
            : strict.Count > 0 ? Gen.OneOf(strict)
            : Gen.OneOf(odd);
        return from main in primary
               from extraCount in Gen.Choose(0, odd.Count == 0 ? 0 : 2)
               from extras in Gen.ListOf(Gen.OneOf(odd.Count == 0 ? [Gen.Constant<Mutation>(null!)] : odd), extraCount)
               from includeOptional in Gen.ListOf(Gen.Elements(true, false), operation.Parameters.Count)
               from withSession in Gen.Elements(true, false)
               let compatible = extras.Where(e => Compatible(main, e)).DistinctBy(e => e.Target).ToArray()
               let mutations = (IReadOnlyList<Mutation>)[main, .. compatible]
               select Request(operation, mutations, includeOptional.ToArray(), withSession);
    }

    /// <summary>An extra must not undo the primary (same field, a parent of it, or a body that the primary replaced).</summary>
    private static bool Compatible(Mutation main, Mutation extra) =>
        extra.Target != main.Target && !Nested(main.Target, extra.Target) && !Nested(extra.Target, main.Target)
        && !(main.Target == "body" && extra.Target.StartsWith("body:", StringComparison.Ordinal));

    private static bool Nested(string inner, string outer) =>
        inner.StartsWith(outer + ".", StringComparison.Ordinal) || inner.StartsWith(outer + "[", StringComparison.Ordinal);

    private static RequestDraft Base(ApiOperation operation, bool[] includeOptional)
    {
        var draft = new RequestDraft();
        for (var i = 0; i < operation.Parameters.Count; i++)
        {
            var parameter = operation.Parameters[i];
            var required = parameter.In == "path" || parameter.Field.Required;
            if (parameter.In == "path") draft.Path[parameter.Name] = BaseText(parameter.Field);
            else if (parameter.In == "query" && (required || includeOptional[i])) draft.SetQuery(parameter.Name, BaseText(parameter.Field));
        }
        if (operation.Body is { } body)
        {
            draft.Body = BaseJson(body);
            draft.ContentType = "application/json";
        }
        return draft;
    }

    private static string BaseText(ApiField field) => field switch
    {
        { Kind: FieldKind.Integer or FieldKind.Number } => "1",
        { Kind: FieldKind.Boolean } => "true",
        { LooksLikeDate: true } => HostileValues.DaysAhead(7),
        { LooksLikeTime: true } => "10:00",
        _ => "base-" + field.Name,
    };

    private static JsonNode? BaseJson(ApiField field) => field.Kind switch
    {
        FieldKind.Object => new JsonObject(field.Properties.Select(p => KeyValuePair.Create(p.Name, BaseJson(p)))),
        FieldKind.Array => field.Items is { } items ? new JsonArray(BaseJson(items)) : new JsonArray(),
        FieldKind.Integer or FieldKind.Number => JsonValue.Create(1),
        FieldKind.Boolean => JsonValue.Create(true),
        _ when field.LooksLikeDate => JsonValue.Create(HostileValues.DaysAhead(7)),
        _ when field.LooksLikeTime => JsonValue.Create("10:00"),
        _ => JsonValue.Create(""),
    };

    private static List<Mutation[]> StrictMutations(ApiOperation operation)
    {
        var gens = new List<Mutation[]>();
        foreach (var parameter in operation.Parameters)
        {
            var (name, field) = (parameter.Name, parameter.Field);
            if (parameter.In is not ("path" or "query")) continue;
            if (field.Kind == FieldKind.Integer)
            {
                gens.Add(Each(HostileValues.UnparsableIntegers, v =>
                    new Mutation($"{parameter.In} {name}={v}", Strictness.Unreadable, name, 400, d => SetParameter(d, parameter, v))));
                if (parameter.In == "query")
                {
                    if (field.Required)
                        gens.Add(One(new Mutation($"query {name} missing", Strictness.Unreadable, name, 400, d => d.Query.RemoveAll(q => q.Key == name))));
                    gens.Add(One(new Mutation($"query {name} twice (1 and 2)", Strictness.Unreadable, name, 400, d =>
                    {
                        d.SetQuery(name, "1");
                        d.Query.Add(new(name, "2"));
                    })));
                }
            }
            else if (field.LooksLikeDate)
                gens.Add(Each(HostileValues.BadDates.Except(HostileValues.ExtremeDates).ToArray(), v =>
                    new Mutation($"{parameter.In} {name}={v}", Strictness.Invalid, name, null, d => SetParameter(d, parameter, v))));
        }

        if (operation.Body is { } body)
        {
            gens.Add(Each(HostileValues.InvalidJsonBodies, v =>
                new Mutation($"invalid JSON {v}", Strictness.Unreadable, "body", HostileOracle.AnyField, 400, d => d.RawBody = v)));
            gens.Add(Each(HostileValues.WrongRootBodies, v =>
                new Mutation($"body of the wrong shape: {v}", Strictness.Unreadable, "body", 400, d => d.RawBody = v)));
            gens.Add(Each(HostileValues.WrongContentTypes, v =>
                new Mutation($"Content-Type {v ?? "(none)"}", Strictness.Unreadable, "body", 415, d => d.ContentType = v)));
            gens.Add(Each([70 * 1024, HostileValues.OneMegabyte], size =>
                new Mutation($"body padded past the limit with an unknown field of {size} bytes", Strictness.Unreadable, "body", 413,
                    d =>
                    {
                        if (d.Body is JsonObject o) o["padding"] = new string('p', size);
                        else d.RawBody = "[\"" + new string('p', size) + "\"]";
                    })));
            foreach (var (segments, field) in BodyFields(body))
            {
                var name = FieldName(segments);
                var typeConfusion = field.Kind switch
                {
                    FieldKind.Integer => HostileValues.NotAnInt32Json.Where(v => v != "null" || !field.Nullable).ToArray(),
                    FieldKind.Number => HostileValues.NotAStringJson.Where(v => !char.IsDigit(v[0]) && v[0] != '-').ToArray(),
                    FieldKind.Boolean => HostileValues.NotABooleanJson.Where(v => v != "null" || !field.Nullable).ToArray(),
                    FieldKind.Array => HostileValues.NotAnArrayJson,
                    FieldKind.Object => HostileValues.NotAnObjectJson,
                    _ => HostileValues.NotAStringJson,
                };
                gens.Add(Each(typeConfusion, v =>
                    new Mutation($"{name} = {v}", Strictness.Unreadable, name, 400, d => SetJson(d, segments, v))));
                if (field.Kind == FieldKind.String)
                    gens.Add(One(new Mutation($"{name} = \"x\"×1 MB", Strictness.Unreadable, name, "body", 413,
                        d => SetJson(d, segments, JsonValue.Create(new string('x', HostileValues.OneMegabyte))))));
                if (field.LooksLikeDate)
                    gens.Add(Each(HostileValues.BadDates, v =>
                        new Mutation($"{name} = \"{v}\"", Strictness.Invalid, name, null, d => SetJson(d, segments, JsonValue.Create(v)))));
                if (field.LooksLikeTime)
                    gens.Add(Each(HostileValues.BadTimes, v =>
                        new Mutation($"{name} = \"{v}\"", Strictness.Invalid, name, null, d => SetJson(d, segments, JsonValue.Create(v)))));
            }
        }

        // A write with nothing else to attack: a credential the app must refuse.
        if (gens.Count == 0 && !operation.IsSafe)
        {
            var header = operation.SecurityHeader ?? "Authorization";
            gens.Add(Each(HostileValues.GarbageHeaderValues, v =>
                new Mutation($"{header}: {HostileRequest.Abbreviate(v)}", Strictness.Invalid, header, null, d => d.Headers[header] = v)));
        }
        return gens;
    }

    private static List<Mutation[]> OddMutations(ApiOperation operation)
    {
        var gens = new List<Mutation[]>();
        foreach (var parameter in operation.Parameters)
        {
            var (name, field) = (parameter.Name, parameter.Field);
            var values = field.Kind == FieldKind.Integer ? HostileValues.EdgeIntegers
                : field.LooksLikeDate ? [.. HostileValues.ExtremeDates, .. HostileValues.OddStrings]
                : parameter.In == "header" ? HostileValues.GarbageHeaderValues
                : [.. HostileValues.OddStrings, new string('q', parameter.In == "path" ? 10 * 1024 : HostileValues.OneMegabyte)];
            // A NUL in the path never reaches an app: servers refuse it while parsing the request line (the test host throws).
            if (parameter.In == "path") values = values.Where(v => !v.Contains('\0', StringComparison.Ordinal)).ToArray();
            gens.Add(Each(values, v =>
                new Mutation($"{parameter.In} {name}={HostileRequest.Abbreviate(v)}", Strictness.Odd, name, null, d => SetParameter(d, parameter, v))));
        }

        foreach (var header in HostileValues.HostileHeaderNames)
            gens.Add(Each(HostileValues.GarbageHeaderValues, v =>
                new Mutation($"{header}: {HostileRequest.Abbreviate(v)}", Strictness.Odd, header, null, d => d.Headers[header] = v)));

        if (operation.Body is { } body)
        {
            gens.Add(Each(HostileValues.OddStrings, v =>
                new Mutation($"unknown field zz = \"{HostileRequest.Abbreviate(v)}\"", Strictness.Odd, "body:zz", null, d =>
                {
                    if (d.Body is JsonObject o) o["zz"] = v;
                })));
            foreach (var (segments, field) in BodyFields(body))
            {
                var name = FieldName(segments);
                if (segments[^1] is string)
                    gens.Add(One(new Mutation($"{name} missing", Strictness.Odd, name, null, d => Remove(d, segments))));
                if (field.Nullable)
                    gens.Add(One(new Mutation($"{name} = null", Strictness.Odd, name, null, d => SetJson(d, segments, (JsonNode?)null))));
                var values = field.Kind switch
                {
                    FieldKind.Integer => HostileValues.EdgeIntegers.Select(v => (JsonNode?)JsonValue.Create(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))).ToArray(),
                    FieldKind.String when field.LooksLikeDate => HostileValues.ExtremeDates.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray(),
                    FieldKind.String => HostileValues.OddStrings.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray(),
                    FieldKind.Array when field.Items is { } items => [new JsonArray(), new JsonArray((JsonNode?)null), new JsonArray(BaseJson(items), BaseJson(items))],
                    FieldKind.Array => [new JsonArray()],
                    FieldKind.Object => [new JsonObject(), new JsonObject { ["zz"] = 1 }],
                    _ => [],
                };
                if (values.Length > 0)
                    gens.Add(Each(values, v =>
                        new Mutation($"{name} = {HostileRequest.Abbreviate(v?.ToJsonString() ?? "null")}", Strictness.Odd, name, null,
                            d => SetJson(d, segments, v?.DeepClone()))));
            }
        }
        return gens;
    }

    private static void SetParameter(RequestDraft draft, ApiParameter parameter, string value)
    {
        switch (parameter.In)
        {
            case "path": draft.Path[parameter.Name] = value; break;
            case "query": draft.SetQuery(parameter.Name, value); break;
            default: draft.Headers[parameter.Name] = value; break;
        }
    }

    /// <summary>Every field of a body schema with its JSON location (property names and array index 0).</summary>
    private static IEnumerable<(object[] Segments, ApiField Field)> BodyFields(ApiField body, object[]? prefix = null)
    {
        prefix ??= [];
        foreach (var property in body.Properties)
        {
            object[] segments = [.. prefix, property.Name];
            yield return (segments, property);
            foreach (var nested in Children(property, segments)) yield return nested;
        }
    }

    private static IEnumerable<(object[] Segments, ApiField Field)> Children(ApiField field, object[] segments)
    {
        if (field.Kind == FieldKind.Object) return BodyFields(field, segments);
        if (field.Kind == FieldKind.Array && field.Items is { } items)
        {
            object[] item = [.. segments, 0];
            return items.Kind is FieldKind.Object or FieldKind.Array ? Children(items, item) : [(item, items)];
        }
        return [];
    }

    /// <summary>The name the app uses for a field: camelCase segments joined by dots, array indexes in brackets (customer.name, days[0].opens).</summary>
    public static string FieldName(object[] segments) =>
        string.Concat(segments.Select((s, i) => s is int index ? $"[{index}]" : i == 0 ? (string)s : "." + s));

    private static void SetJson(RequestDraft draft, object[] segments, string rawJson) =>
        SetJson(draft, segments, rawJson == "null" ? null : JsonNode.Parse(rawJson));

    private static void SetJson(RequestDraft draft, object[] segments, JsonNode? value)
    {
        switch (Parent(draft, segments), segments[^1])
        {
            case (JsonArray array, int index) when index < array.Count: array[index] = value; break;
            case (JsonObject obj, string name): obj[name] = value; break;
        }
    }

    private static void Remove(RequestDraft draft, object[] segments)
    {
        if (Parent(draft, segments) is JsonObject obj) obj.Remove((string)segments[^1]);
    }

    private static JsonNode? Parent(RequestDraft draft, object[] segments)
    {
        var node = draft.Body;
        foreach (var segment in segments[..^1])
            node = (node, segment) switch
            {
                (JsonArray array, int index) when index < array.Count => array[index],
                (JsonObject obj, string name) => obj[name],
                _ => null,
            };
        return node;
    }
}
