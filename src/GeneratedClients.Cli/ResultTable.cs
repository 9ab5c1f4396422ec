using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace GeneratedClients.Cli;

/// <summary>A printable table: column names and rows of cells (null = not reported by the exchange).</summary>
internal sealed record ResultTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(OutputFormat format, IAnsiConsole console, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(ToJson());
                break;
            case OutputFormat.Csv:
                output.Write(ToCsv());
                break;
            default:
                var table = new Table { Title = new TableTitle(Markup.Escape(Title)), Border = TableBorder.Rounded };
                foreach (var column in Columns)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(column)) { Alignment = IsNumeric(column) ? Justify.Right : Justify.Left });
                }

                foreach (var row in Rows)
                {
                    table.AddRow([.. row.Select(cell => Markup.Escape(Text(cell) ?? "-"))]);
                }

                console.Write(table);
                break;
        }
    }

    /// <summary>
    /// For JSON and CSV: the rows as "balance" records followed by <paramref name="totals"/> as "total" records, in one
    /// table with a leading Record column (a total fills the columns it shares with the rows; the rest stay empty).
    /// </summary>
    public ResultTable WithRecords(ResultTable? totals) => new(
        Title,
        ["Record", .. Columns],
        [.. Rows.Select(row => (IReadOnlyList<object?>)["balance", .. row]),
         .. (totals?.Rows ?? []).Select(row => (IReadOnlyList<object?>)["total", .. Columns.Select(column => totals!.Columns.ToList().IndexOf(column) is var i and >= 0 ? row[i] : null)])]);

    public string ToJson()
    {
        var rows = Rows.Select(row => Columns.Zip(row).ToDictionary(pair => CamelCase(pair.First), pair => pair.Second));
        return JsonSerializer.Serialize(rows, Json);
    }

    public string ToCsv()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Columns.Select(Quote)).Append('\n');
        foreach (var row in Rows)
        {
            text.AppendJoin(',', row.Select(cell => Quote(Text(cell) ?? string.Empty))).Append('\n');
        }

        return text.ToString();
    }

    private bool IsNumeric(string column)
    {
        var index = Columns.ToList().IndexOf(column);
        return Rows.Any(row => row[index] is decimal or long or int) && Rows.All(row => row[index] is null or decimal or long or int);
    }

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string CamelCase(string column)
    {
        var words = column.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w.ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }
}
