using Membership.LineEmulator;
using Membership.LineEmulator.Api;
using Membership.LineEmulator.Faults;
using Membership.LineEmulator.Inspection;
using Membership.LineEmulator.State;
using Membership.LineEmulator.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 8 * 1024 * 1024); // LINE's 413 is ours to answer
builder.Services.AddOptions<EmulatorOptions>()
    .Bind(builder.Configuration.GetSection(EmulatorOptions.SectionName))
    .Validate(o => !string.IsNullOrEmpty(o.ChannelAccessToken) && !string.IsNullOrEmpty(o.ChannelSecret), "Emulator:ChannelAccessToken and Emulator:ChannelSecret are required.")
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<UserDirectory>();
builder.Services.AddSingleton<ReplyTokenStore>();
builder.Services.AddSingleton<RetryKeyStore>();
builder.Services.AddSingleton<SendGate>();
builder.Services.AddSingleton<QuotaCounter>();
builder.Services.AddSingleton<NarrowcastStore>();
builder.Services.AddSingleton<AggregationStore>();
builder.Services.AddSingleton<RichMenuStore>();
builder.Services.AddSingleton<RequestLog>();
builder.Services.AddSingleton<ChatStore>();
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton<RateLimiter>();
builder.Services.AddSingleton<MessageDispatcher>();
builder.Services.AddSingleton<IdTokens>();
builder.Services.AddSingleton<WebhookSettings>();
builder.Services.AddSingleton<WebhookSender>();
builder.Services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));

var app = builder.Build();
app.UseMiddleware<LineApiMiddleware>();
app.MapMessagingApi();
app.MapChatApi();
app.MapInsightApi();
app.MapProfileApi();
app.MapRichMenuApi();
app.MapIdTokenApi();
app.MapInspectionEndpoints();
app.MapEventEndpoints();
app.MapFaultEndpoints();
app.MapGet("/", () => Results.Text("LINE emulator: Messaging API under /v2, inspection under /_emulator (see README.md)."));
app.Run();
