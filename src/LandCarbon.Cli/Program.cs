using LandCarbon.Cli;

return await CommandRegistry.RunAsync(args);
