using System.Net;
using System.Text;

namespace Municipal.DocumentIntake.Tests;

/// <summary>An upload that breaks off or carries a control character is the sender's mistake: 400 with the field named.</summary>
public class BadUploadTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private const string Boundary = "bad-upload-boundary";

    [Fact]
    public async Task A_multipart_body_that_ends_inside_a_file_is_a_400_and_leaves_no_document()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);

        var response = await resident.PostAsync("/api/documents/uploads", Multipart(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed", (await response.ProblemAsync()).Reasons["files"]);
        Assert.Equal("[]", await resident.GetStringAsync("/api/documents/uploads/mine"));
    }

    [Theory]
    [InlineData("note", "Seite 1\u0000Seite 2")]
    [InlineData("note", "Bitte \u001b[31m beachten")]
    [InlineData("language", "de\r\nX-Injected: 1")]
    public async Task A_field_with_a_control_character_is_a_400_naming_it(string field, string value)
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Encoding.Latin1.GetString(Files.Pdf("x"))}\r\n--{Boundary}--\r\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("control-character", (await response.ProblemAsync()).Reasons[field]);
    }

    /// <summary>Probe 2026-12-07: a kiosk's or a link's note with U+202E was kept, and the clerk read what followed it backwards.</summary>
    [Fact]
    public async Task A_note_with_a_control_that_turns_its_direction_is_a_400_naming_it()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var note = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("Bitte auf \u202E4321 NABI\u202C zahlen"));
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{note}\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Encoding.Latin1.GetString(Files.Pdf("x"))}\r\n--{Boundary}--\r\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-character", (await response.ProblemAsync()).Reasons["note"]);
        Assert.Equal("[]", await factory.CreateResidentClient(token).GetStringAsync("/api/documents/uploads/mine"));
    }

    [Fact]
    public async Task A_note_on_several_lines_is_kept()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nSeite 1: Vertrag\r\nSeite 2: Anhang\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Encoding.Latin1.GetString(Files.Pdf("x"))}\r\n--{Boundary}--\r\n"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("\u00ff\u00fe bad utf8")]
    [InlineData("\u00fe\u00ffbad")]
    [InlineData("F\u00fcr Sie")]
    public async Task A_note_that_is_not_utf_8_is_a_400_naming_it(string latin1Bytes)
    {
        // The probe (attack 2, item 14): FF FE was read as UTF-16's byte order mark and the note stored garbled.
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{latin1Bytes}\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Encoding.Latin1.GetString(Files.Pdf("x"))}\r\n--{Boundary}--\r\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-character", (await response.ProblemAsync()).Reasons["note"]);
    }

    [Fact]
    public async Task A_utf_8_note_with_or_without_its_byte_order_mark_is_kept()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        foreach (var note in new[] { "F\u00fcr Sie", "\uFEFFGr\u00fcsse" })
        {
            var utf8AsLatin1 = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(note));
            var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{utf8AsLatin1}\r\n" +
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Encoding.Latin1.GetString(Files.Pdf("x"))}\r\n--{Boundary}--\r\n"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    /// <summary>
    /// Thousands of fields held a connection and an upload slot for 20 s behind the gateway (outside probe): a handful
    /// of fields beside the files is all any page sends, and the first one too many is named.
    /// </summary>
    [Fact]
    public async Task More_fields_than_any_page_sends_are_a_400_naming_the_first_too_many()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        string Body(int fields) => string.Concat(Enumerable.Range(0, fields).Select(i => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n")) +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{Encoding.Latin1.GetString(Files.Pdf("x"))}\r\n--{Boundary}--\r\n";

        Assert.Equal(HttpStatusCode.Created, (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(Body(32)))).StatusCode);
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(Body(2000)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("too-many-fields", (await response.ProblemAsync()).Reasons["f32"]);
    }

    /// <summary>
    /// A file's name is refused naming the file (with twenty files "files" said nothing), and a name whose bytes are not
    /// UTF-8 is refused as a note's are, instead of being stored without them (outside probe: a%FF%FEb.pdf became ab.pdf).
    /// </summary>
    [Theory]
    [InlineData("filename=\"a\u0001b.pdf\"", "file-name")]
    [InlineData("filename*=UTF-8''a%FF%FEb.pdf", "invalid-character")]
    [InlineData("filename*=UTF-8''a%ED%A0%80b.pdf", "invalid-character")]
    public async Task A_bad_file_name_is_a_400_naming_the_file(string parameter, string reason)
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var pdf = Encoding.Latin1.GetString(Files.Pdf("x"));
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Multipart(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"ok.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{pdf}\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; {parameter}\r\nContent-Type: application/pdf\r\n\r\n{pdf}1\r\n--{Boundary}--\r\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (errors, reasons) = await response.ProblemAsync();
        Assert.Equal(["files[1]"], errors.Keys);
        Assert.Equal(reason, reasons["files[1]"]);
        Assert.Equal("[]", await factory.CreateResidentClient(token).GetStringAsync("/api/documents/uploads/mine"));
    }

    private static HttpContent Multipart(string text)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={Boundary}");
        return content;
    }
}
