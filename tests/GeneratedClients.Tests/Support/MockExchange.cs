using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Support;

/// <summary>A MockHttp handler that answers every request with one canned response and records what was sent.</summary>
internal sealed class MockExchange
{
    public MockHttpMessageHandler Handler { get; } = new();

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string?> Bodies { get; } = [];

    public HttpRequestMessage Request => Assert.Single(Requests);

    public string? Body => Assert.Single(Bodies);

    public static MockExchange Answering(int status, string body, string mediaType = "application/json", Action<HttpResponseMessage>? shape = null)
    {
        var exchange = new MockExchange();
        exchange.Handler.When("*").Respond(async request =>
        {
            exchange.Requests.Add(request);
            exchange.Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync());
            var response = new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent(body, Encoding.UTF8, mediaType),
            };
            shape?.Invoke(response);
            return response;
        });
        return exchange;
    }

    public static MockExchange Throwing(Exception error)
    {
        var exchange = new MockExchange();
        exchange.Handler.When("*").Throw(error);
        return exchange;
    }

    public HttpClient Client(string? baseAddress = null) =>
        new(Handler) { BaseAddress = baseAddress is null ? null : new Uri(baseAddress) };

    public static string Header(HttpRequestMessage request, string name) => string.Join(",", request.Headers.GetValues(name));
}
