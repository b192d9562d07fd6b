using System.CommandLine;
using IvrService.Cli.Commands;

var root = new RootCommand("ivr: the IvrService developer tool");
root.Subcommands.Add(FlowCommands.Create());
root.Subcommands.Add(AudioCommands.Create());
root.Subcommands.Add(CallCommands.CreateCall());
root.Subcommands.Add(CallCommands.CreateSms());
root.Subcommands.Add(NumberCommands.Create());
root.Subcommands.Add(PhoneCommand.Create());
root.Subcommands.Add(TestCommand.Create());
return await root.Parse(args).InvokeAsync();
