using Municipal.ServiceDefaults;
using Municipal.DocumentIntake;
using Municipal.DocumentIntake.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDocumentApi();

app.Run();

public partial class Program;
