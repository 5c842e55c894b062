using Municipal.ServiceDefaults;
using Municipal.IdentityVerification;
using Municipal.IdentityVerification.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIdentityApi();

app.Run();

public partial class Program;
