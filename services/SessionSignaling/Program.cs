using Municipal.ServiceDefaults;
using Municipal.SessionSignaling;
using Municipal.SessionSignaling.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSessionApi();
app.MapSignaling();

app.Run();

public partial class Program;
