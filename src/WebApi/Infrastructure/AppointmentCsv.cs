using System.Globalization;
using System.Text;
using AppointEase.Application.Admin.Appointments;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Writes appointments as RFC 4180 CSV while they are read: CRLF line ends, every text field quoted with inner quotes
/// doubled (numbers and timestamps are not). Quoting every text field, not only those with a comma, matters where the
/// spreadsheet's list separator is <c>;</c> (German locales): an unquoted <c>Ann;=1+1</c> splits there and the second
/// cell is evaluated. UTF-8 with a BOM, because Excel otherwise mis-reads non-ASCII names.
/// </summary>
internal static class AppointmentCsv
{
    private static readonly string[] Header =
    [
        "id", "reference", "status", "date", "start", "end", "startUtc", "endUtc", "serviceId", "service", "employeeId", "employee",
        "customerName", "customerEmail", "customerPhone", "notes", "createdUtc", "cancelledUtc",
    ];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<AdminAppointmentDto> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 32 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        await writer.WriteLineAsync(string.Join(',', Header));
        await foreach (var a in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',',
                Field(a.Id), Field(a.Reference), Field(a.Status), Field(a.Date), Field(a.Start), Field(a.End), Field(a.StartUtc), Field(a.EndUtc),
                Field(a.ServiceId), Text(a.ServiceName), Field(a.EmployeeId), Text(a.EmployeeName),
                Text(a.CustomerName), Text(a.CustomerEmail), Text(a.CustomerPhone), Text(a.Notes), Field(a.CreatedUtc), Field(a.CancelledUtc)));
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static string Field(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Field(string value) => Quote(value);
    private static string Field(DateTime? value) => value is { } v ? v.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    /// <summary>Free text typed by customers or staff: neutralise spreadsheet formulas, then quote.</summary>
    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return Quote(value);
    }

    internal static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
