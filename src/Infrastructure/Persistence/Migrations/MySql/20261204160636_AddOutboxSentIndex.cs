using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppointEase.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class AddOutboxSentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_email_outbox_status_sent_utc",
                table: "email_outbox",
                columns: new[] { "status", "sent_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_email_outbox_status_sent_utc",
                table: "email_outbox");
        }
    }
}
