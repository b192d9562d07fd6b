using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IvrService.Audio.Tests;

/// <summary>A minimal app wired the way the primary wires audio: AddPromptAudio + UseLocalPromptAudio, on a test server.</summary>
internal static class AudioTestHost
{
    /// <summary>Sample content: two prompts, a non-audio file, a hidden file, and files outside the audio folder.</summary>
    public static TempFolder SampleContent()
    {
        var content = new TempFolder();
        content.Write("content/audio/en-US/welcome.wav", TestAudio.Wav(1));
        content.Write("content/audio/en-US/hold.mp3", [0xFF, 0xFB, 0x90, 0x00]);
        content.Write("content/audio/en-US/notes.txt", "not audio"u8.ToArray());
        content.Write("content/audio/.hidden.wav", TestAudio.Wav(2));
        content.Write("content/flow.json", "{}"u8.ToArray());
        content.Write("appsettings.json", "{\"secret\":1}"u8.ToArray());
        return content;
    }

    public static async Task<WebApplication> StartAsync(string contentRoot, (string Key, string Value)[] settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddPromptAudio(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseLocalPromptAudio();
        app.MapGet("/", () => "home");
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }
}
