using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace GeneratedClients.Tests.Packaging;

/// <summary>
/// Lists the public surface of an assembly, read by reflection, as C#-like declarations: one line per type and
/// per member that code outside the assembly can see (public, and protected in unsealed types), each line
/// starting with the full name of its type. Types are sorted by that name (ordinal), each type's declaration
/// comes first and its members follow, sorted ordinally; so the listing is stable across builds and a diff of
/// two listings reads as "what was added" and "what was removed".
/// </summary>
/// <remarks>
/// <para>Line shapes, for a type <c>N.T</c>:</para>
/// <list type="bullet">
/// <item><c>N.T: public sealed class T : N.Base, System.IDisposable</c> (kind: class, record, struct, record struct, interface, enum, delegate)</item>
/// <item><c>N.T: public T(int count, string? name = null)</c> (constructor)</item>
/// <item><c>N.T: public static System.Threading.Tasks.Task&lt;int&gt; RunAsync&lt;TItem&gt;(this TItem item, System.Threading.CancellationToken cancellationToken = default) where TItem : class</c></item>
/// <item><c>N.T: public string Name { get; init; }</c>, <c>N.T: public const int Max = 5</c>, <c>N.T: public event System.EventHandler Changed</c>, <c>N.E: Member = 2</c> (enum member)</item>
/// </list>
/// <para>
/// Left out, to keep the listing readable: members the compiler synthesizes (a record's EqualityContract,
/// <c>&lt;Clone&gt;$</c>, copy constructor, Equals, GetHashCode, ToString, PrintMembers and operators, which the
/// word "record" implies), accessor and event methods (shown as their property or event), private interface
/// implementations, and nullable annotations. A record's properties and Deconstruct stay.
/// </para>
/// </remarks>
internal static class PublicApiListing
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(char)] = "char",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["op_Equality"] = "==",
        ["op_Inequality"] = "!=",
        ["op_LessThan"] = "<",
        ["op_GreaterThan"] = ">",
        ["op_LessThanOrEqual"] = "<=",
        ["op_GreaterThanOrEqual"] = ">=",
        ["op_Addition"] = "+",
        ["op_Subtraction"] = "-",
        ["op_Multiply"] = "*",
        ["op_Division"] = "/",
        ["op_Modulus"] = "%",
        ["op_BitwiseAnd"] = "&",
        ["op_BitwiseOr"] = "|",
        ["op_ExclusiveOr"] = "^",
        ["op_LeftShift"] = "<<",
        ["op_RightShift"] = ">>",
        ["op_UnsignedRightShift"] = ">>>",
        ["op_UnaryPlus"] = "+",
        ["op_UnaryNegation"] = "-",
        ["op_LogicalNot"] = "!",
        ["op_OnesComplement"] = "~",
        ["op_Increment"] = "++",
        ["op_Decrement"] = "--",
        ["op_True"] = "true",
        ["op_False"] = "false",
    };

    /// <summary>The listing of every visible type of <paramref name="assembly"/> and its visible members.</summary>
    public static IReadOnlyList<string> For(Assembly assembly) => For(assembly.GetTypes());

    /// <summary>The listing of those of <paramref name="types"/> that are visible outside their assembly.</summary>
    public static IReadOnlyList<string> For(IEnumerable<Type> types)
    {
        var lines = new List<string>();
        foreach (var (name, type) in types.Where(IsVisible).Select(type => (TypeName(type), type)).OrderBy(pair => pair.Item1, StringComparer.Ordinal))
        {
            lines.Add($"{name}: {DeclareType(type)}");
            lines.AddRange(Members(type).Select(member => $"{name}: {member}").Order(StringComparer.Ordinal));
        }

        return lines;
    }

    // ---- Visibility -----------------------------------------------------------------------------------------

    private static bool IsVisible(Type type)
    {
        if (type.Name.Contains('<', StringComparison.Ordinal) || IsCompilerGenerated(type))
        {
            return false;
        }

        if (!type.IsNested)
        {
            return type.IsPublic;
        }

        var outer = type.DeclaringType!;
        return IsVisible(outer) && (type.IsNestedPublic || ((type.IsNestedFamily || type.IsNestedFamORAssem) && !outer.IsSealed));
    }

    private static bool IsVisible(MethodBase method) =>
        method.IsPublic || ((method.IsFamily || method.IsFamilyOrAssembly) && !method.DeclaringType!.IsSealed);

    private static bool IsVisible(FieldInfo field) =>
        field.IsPublic || ((field.IsFamily || field.IsFamilyOrAssembly) && !field.DeclaringType!.IsSealed);

    private static string Access(MethodBase method) =>
        method.IsPublic ? "public" : method.IsFamilyOrAssembly ? "protected internal" : "protected";

    private static string Access(FieldInfo field) =>
        field.IsPublic ? "public" : field.IsFamilyOrAssembly ? "protected internal" : "protected";

    private static string Access(Type type) =>
        type.IsPublic || type.IsNestedPublic ? "public" : type.IsNestedFamORAssem ? "protected internal" : "protected";

    private static bool IsCompilerGenerated(MemberInfo member) => member.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    private static bool HasAttribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.Any(attribute => attribute.AttributeType.FullName == fullName);

    // ---- Types ----------------------------------------------------------------------------------------------

    private static bool IsDelegate(Type type) => type.BaseType == typeof(MulticastDelegate);

    /// <summary>A record class has a <c>&lt;Clone&gt;$</c> method; a record struct a synthesized PrintMembers.</summary>
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
        || (type.IsValueType
            && type.GetMethod("PrintMembers", Declared, [typeof(StringBuilder)]) is { } printMembers
            && IsCompilerGenerated(printMembers));

    private static string DeclareType(Type type)
    {
        var access = Access(type);
        var name = SimpleName(type) + GenericParameterList(OwnGenericArguments(type));
        if (IsDelegate(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            return $"{access} delegate {ReturnTypeName(invoke)} {name}({Parameters(invoke)}){Constraints(OwnGenericArguments(type))}";
        }

        var declaration = new StringBuilder(access);
        var bases = new List<string>();
        if (type.IsEnum)
        {
            declaration.Append(" enum");
            var underlying = Enum.GetUnderlyingType(type);
            if (underlying != typeof(int))
            {
                bases.Add(TypeName(underlying));
            }
        }
        else if (type.IsInterface)
        {
            declaration.Append(" interface");
        }
        else if (type.IsValueType)
        {
            if (HasAttribute(type.CustomAttributes, "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
            {
                declaration.Append(" readonly");
            }

            if (type.IsByRefLike)
            {
                declaration.Append(" ref");
            }

            declaration.Append(IsRecord(type) ? " record struct" : " struct");
        }
        else
        {
            declaration.Append(
                type.IsAbstract && type.IsSealed ? " static"
                : type.IsAbstract ? " abstract"
                : type.IsSealed ? " sealed"
                : string.Empty);
            declaration.Append(IsRecord(type) ? " record" : " class");
            if (type.BaseType is { } baseType && baseType != typeof(object))
            {
                bases.Add(TypeName(baseType));
            }
        }

        if (!type.IsEnum)
        {
            var inherited = type.BaseType?.GetInterfaces() ?? [];
            bases.AddRange(type.GetInterfaces().Where(face => face.IsVisible && !inherited.Contains(face)).Select(TypeName).Order(StringComparer.Ordinal));
        }

        declaration.Append(' ').Append(name);
        if (bases.Count > 0)
        {
            declaration.Append(" : ").AppendJoin(", ", bases);
        }

        return declaration.Append(Constraints(OwnGenericArguments(type))).ToString();
    }

    /// <summary>A type's generic arguments without those of the types it is nested in.</summary>
    private static Type[] OwnGenericArguments(Type type)
    {
        var all = type.GetGenericArguments();
        var outer = type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0;
        return all[outer..];
    }

    private static string SimpleName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    private static string GenericParameterList(Type[] arguments) =>
        arguments.Length == 0 ? string.Empty : "<" + string.Join(", ", arguments.Select(TypeName)) + ">";

    /// <summary>A type as C# would write it: keywords for built-in types, <c>T?</c> for Nullable, full names otherwise.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsByRef)
        {
            return "ref " + TypeName(type.GetElementType()!);
        }

        if (type.IsPointer)
        {
            return TypeName(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (type.IsGenericType
            && type.Namespace == "System"
            && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal)
            && type.GetGenericArguments().Length is >= 2 and <= 7)
        {
            return "(" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ")";
        }

        return QualifiedName(type, type.GetGenericArguments());
    }

    private static string QualifiedName(Type type, Type[] arguments)
    {
        string prefix;
        if (type.IsNested)
        {
            var outer = type.DeclaringType!;
            var outerArity = outer.GetGenericArguments().Length;
            prefix = QualifiedName(outer, arguments[..outerArity]) + ".";
            arguments = arguments[outerArity..];
        }
        else
        {
            prefix = string.IsNullOrEmpty(type.Namespace) ? string.Empty : type.Namespace + ".";
        }

        return prefix + SimpleName(type) + GenericParameterList(arguments);
    }

    private static string Constraints(IEnumerable<Type> genericParameters)
    {
        var text = new StringBuilder();
        foreach (var parameter in genericParameters.Where(argument => argument.IsGenericParameter))
        {
            var attributes = parameter.GenericParameterAttributes;
            var isStruct = attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint);
            var parts = new List<string>();
            if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
            {
                parts.Add("class");
            }

            if (isStruct)
            {
                parts.Add(HasAttribute(parameter.CustomAttributes, "System.Runtime.CompilerServices.IsUnmanagedAttribute") ? "unmanaged" : "struct");
            }

            parts.AddRange(parameter.GetGenericParameterConstraints().Where(constraint => !(isStruct && constraint == typeof(ValueType))).Select(TypeName));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !isStruct)
            {
                parts.Add("new()");
            }

            if (attributes.HasFlag(GenericParameterAttributes.AllowByRefLike))
            {
                parts.Add("allows ref struct");
            }

            if (parts.Count > 0)
            {
                text.Append(" where ").Append(parameter.Name).Append(" : ").AppendJoin(", ", parts);
            }
        }

        return text.ToString();
    }

    // ---- Members --------------------------------------------------------------------------------------------

    private static IEnumerable<string> Members(Type type)
    {
        if (IsDelegate(type))
        {
            yield break;
        }

        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        var isRecord = IsRecord(type);
        foreach (var constructor in type.GetConstructors(Declared))
        {
            var isCopyConstructor = isRecord && constructor.GetParameters() is [{ } only] && only.ParameterType == type;
            if (!constructor.IsStatic && IsVisible(constructor) && !IsCompilerGenerated(constructor) && !isCopyConstructor)
            {
                yield return $"{Access(constructor)} {SimpleName(type)}({Parameters(constructor)})";
            }
        }

        foreach (var method in type.GetMethods(Declared))
        {
            if (IsListed(method))
            {
                yield return DeclareMethod(method);
            }
        }

        foreach (var property in type.GetProperties(Declared))
        {
            if (DeclareProperty(property, isRecord) is { } line)
            {
                yield return line;
            }
        }

        foreach (var field in type.GetFields(Declared))
        {
            if (IsVisible(field) && !field.IsSpecialName && !IsCompilerGenerated(field) && !field.Name.Contains('<', StringComparison.Ordinal))
            {
                yield return DeclareField(field);
            }
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            var adder = @event.GetAddMethod(nonPublic: true);
            if (adder is not null && IsVisible(adder))
            {
                yield return $"{Access(adder)}{Modifiers(adder)} event {TypeName(@event.EventHandlerType!)} {@event.Name}";
            }
        }
    }

    private static bool IsListed(MethodInfo method)
    {
        if (!IsVisible(method) || method.Name.Contains('<', StringComparison.Ordinal) || method.Name.Contains('$', StringComparison.Ordinal))
        {
            return false;
        }

        if (method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal))
        {
            return false; // property and event accessors
        }

        return method.Name == "Deconstruct" || !IsCompilerGenerated(method);
    }

    private static string DeclareMethod(MethodInfo method)
    {
        var head = $"{Access(method)}{Modifiers(method)}";
        var parameters = Parameters(method);
        switch (method.Name)
        {
            case "op_Implicit":
            case "op_Explicit":
                return $"{head} {(method.Name == "op_Implicit" ? "implicit" : "explicit")} operator {ReturnTypeName(method)}({parameters})";
            case var name when method.IsSpecialName && Operators.TryGetValue(name, out var symbol):
                return $"{head} {ReturnTypeName(method)} operator {symbol}({parameters})";
            default:
                var generics = method.IsGenericMethodDefinition ? GenericParameterList(method.GetGenericArguments()) : string.Empty;
                var constraints = method.IsGenericMethodDefinition ? Constraints(method.GetGenericArguments()) : string.Empty;
                return $"{head} {ReturnTypeName(method)} {method.Name}{generics}({parameters}){constraints}";
        }
    }

    private static string ReturnTypeName(MethodInfo method) =>
        method.ReturnType.IsByRef && HasAttribute(method.ReturnParameter.CustomAttributes, "System.Runtime.CompilerServices.IsReadOnlyAttribute")
            ? "ref readonly " + TypeName(method.ReturnType.GetElementType()!)
            : TypeName(method.ReturnType);

    private static string Modifiers(MethodInfo method)
    {
        var isOverride = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        if (method.DeclaringType!.IsInterface)
        {
            return method.IsStatic
                ? (method.IsAbstract ? " static abstract" : method.IsVirtual ? " static virtual" : " static")
                : (!method.IsAbstract && method.IsVirtual && !method.IsFinal ? " virtual" : string.Empty);
        }

        return method.IsStatic ? " static"
            : method.IsAbstract ? (isOverride ? " abstract override" : " abstract")
            : isOverride ? (method.IsFinal ? " sealed override" : " override")
            : method.IsVirtual && !method.IsFinal ? " virtual"
            : string.Empty;
    }

    private static string? DeclareProperty(PropertyInfo property, bool isRecord)
    {
        if (IsCompilerGenerated(property) || (isRecord && property.Name == "EqualityContract" && property.PropertyType == typeof(Type)))
        {
            return null;
        }

        var accessors = new[] { property.GetGetMethod(nonPublic: true), property.GetSetMethod(nonPublic: true) }
            .OfType<MethodInfo>()
            .Where(IsVisible)
            .ToList();
        if (accessors.Count == 0)
        {
            return null;
        }

        // The property's access is its most open accessor's; a less open accessor says its own.
        var main = accessors.OrderBy(accessor => accessor.IsPublic ? 0 : 1).First();
        var access = Access(main);
        var body = new StringBuilder("{");
        foreach (var accessor in accessors)
        {
            body.Append(' ');
            if (Access(accessor) != access)
            {
                body.Append(Access(accessor)).Append(' ');
            }

            var isInit = accessor == property.SetMethod
                && accessor.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            body.Append(accessor == property.GetMethod ? "get" : isInit ? "init" : "set").Append(';');
        }

        body.Append(" }");
        var required = HasAttribute(property.CustomAttributes, "System.Runtime.CompilerServices.RequiredMemberAttribute") ? " required" : string.Empty;
        var indexParameters = property.GetIndexParameters();
        var name = indexParameters.Length == 0 ? property.Name : $"this[{string.Join(", ", indexParameters.Select(parameter => Parameter(parameter, isThis: false)))}]";
        return $"{access}{Modifiers(main)}{required} {TypeName(property.PropertyType)} {name} {body}";
    }

    private static string DeclareField(FieldInfo field)
    {
        var type = TypeName(field.FieldType);
        if (field.IsLiteral)
        {
            return $"{Access(field)} const {type} {field.Name} = {Literal(field.GetRawConstantValue(), field.FieldType)}";
        }

        var modifiers = (field.IsStatic ? " static" : string.Empty) + (field.IsInitOnly ? " readonly" : string.Empty);
        return $"{Access(field)}{modifiers} {type} {field.Name}";
    }

    // ---- Parameters -----------------------------------------------------------------------------------------

    private static string Parameters(MethodBase method)
    {
        var isExtension = method.IsDefined(typeof(ExtensionAttribute), inherit: false);
        return string.Join(", ", method.GetParameters().Select((parameter, index) => Parameter(parameter, isThis: isExtension && index == 0)));
    }

    private static string Parameter(ParameterInfo parameter, bool isThis)
    {
        var text = new StringBuilder();
        if (isThis)
        {
            text.Append("this ");
        }

        if (parameter.IsDefined(typeof(ParamArrayAttribute), inherit: false)
            || HasAttribute(parameter.CustomAttributes, "System.Runtime.CompilerServices.ParamCollectionAttribute"))
        {
            text.Append("params ");
        }

        var type = parameter.ParameterType;
        if (type.IsByRef)
        {
            text.Append(
                parameter.IsOut ? "out "
                : HasAttribute(parameter.CustomAttributes, "System.Runtime.CompilerServices.RequiresLocationAttribute") ? "ref readonly "
                : parameter.IsIn && HasAttribute(parameter.CustomAttributes, "System.Runtime.CompilerServices.IsReadOnlyAttribute") ? "in "
                : "ref ");
            type = type.GetElementType()!;
        }

        text.Append(TypeName(type)).Append(' ').Append(parameter.Name);
        if (parameter.HasDefaultValue)
        {
            text.Append(" = ").Append(Literal(parameter.DefaultValue, type));
        }

        return text.ToString();
    }

    /// <summary>A constant or default value as C# would write it.</summary>
    private static string Literal(object? value, Type type)
    {
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || value is DBNull || value is Missing)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null";
        }

        if (enumType.IsEnum)
        {
            var member = Enum.ToObject(enumType, value);
            var name = Enum.GetName(enumType, member);
            return name is null
                ? $"({TypeName(enumType)}){Convert.ToString(Convert.ChangeType(value, Enum.GetUnderlyingType(enumType), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}"
                : $"{TypeName(enumType)}.{name}";
        }

        return value switch
        {
            string text => Quote(text, '"'),
            char character => Quote(character.ToString(), '\''),
            bool flag => flag ? "true" : "false",
            float single => single.ToString("R", CultureInfo.InvariantCulture) + "f",
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            decimal number => number.ToString(CultureInfo.InvariantCulture) + "m",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    private static string Quote(string text, char quote)
    {
        var quoted = new StringBuilder().Append(quote);
        foreach (var character in text)
        {
            quoted.Append(character switch
            {
                '\\' => @"\\",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\0' => @"\0",
                _ when character == quote => "\\" + quote,
                _ when char.IsControl(character) => $"\\u{(int)character:x4}",
                _ => character.ToString(),
            });
        }

        return quoted.Append(quote).ToString();
    }
}
