using GeneratedClients.Cli;
using Microsoft.Extensions.Configuration;

// Settings come from appsettings.json in the working directory (for example Htx:SubUids), user-secrets
// (dotnet user-secrets set BITGET_API_KEY …) and the environment, the later overriding the earlier.
var settings = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
    .AddUserSecrets(typeof(CliApp).Assembly, optional: true)
    .AddEnvironmentVariables()
    .Build();
var context = new CliContext(Console.Out, Console.Error, name => settings[name], Interactive: !Console.IsOutputRedirected);
return await CliApp.RunAsync(args, context);
