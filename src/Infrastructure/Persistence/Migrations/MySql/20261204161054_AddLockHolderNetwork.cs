using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppointEase.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class AddLockHolderNetwork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "holder_network",
                table: "slot_locks",
                type: "varchar(64)",
                maxLength: 64,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "ix_slot_locks_holder_network_expires_utc",
                table: "slot_locks",
                columns: new[] { "holder_network", "expires_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_slot_locks_holder_network_expires_utc",
                table: "slot_locks");

            migrationBuilder.DropColumn(
                name: "holder_network",
                table: "slot_locks");
        }
    }
}
