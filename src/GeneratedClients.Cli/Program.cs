using GeneratedClients.Cli;
using Microsoft.Extensions.Configuration;

// Credentials come from the environment or from user-secrets (dotnet user-secrets set BITGET_API_KEY …).
var settings = new ConfigurationBuilder()
    .AddUserSecrets(typeof(CliApp).Assembly, optional: true)
    .AddEnvironmentVariables()
    .Build();
var context = new CliContext(Console.Out, Console.Error, name => settings[name], Interactive: !Console.IsOutputRedirected);
return await CliApp.RunAsync(args, context);
