using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppointEase.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "admin_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    before_json = table.Column<string>(type: "TEXT", nullable: true),
                    after_json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_admin_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "business_hours",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    closes = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_hours", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "business_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    business_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    time_zone_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    slot_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    minimum_notice_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    booking_horizon_days = table.Column<int>(type: "INTEGER", nullable: false),
                    change_cutoff_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    selection_ttl_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    lock_ttl_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    heartbeat_interval_ms = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "closures",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "email_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text_body = table.Column<string>(type: "TEXT", nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: false),
                    attachments_json = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_until_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    dead_letter_reported_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "employees",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    lease_until_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    response_status = table.Column<int>(type: "INTEGER", nullable: true),
                    response_body = table.Column<string>(type: "TEXT", nullable: true),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    duration_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    price = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    buffer_before_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    buffer_after_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slot_locks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    slot_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    slot_time = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    owner_client_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    secret = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    expires_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slot_locks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slot_selections",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    slot_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    slot_time = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slot_selections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "business_hour_breaks",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    end = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    business_hours_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_hour_breaks", x => x.id);
                    table.ForeignKey(
                        name: "fk_business_hour_breaks_business_hours_business_hours_id",
                        column: x => x.business_hours_id,
                        principalTable: "business_hours",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "employee_time_off",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employee_time_off", x => x.id);
                    table.ForeignKey(
                        name: "fk_employee_time_off_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "employee_working_hours",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    closes = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employee_working_hours", x => x.id);
                    table.ForeignKey(
                        name: "fk_employee_working_hours_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    service_id = table.Column<int>(type: "INTEGER", nullable: false),
                    employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    start_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    end_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    customer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    customer_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    customer_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cancelled_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    manage_token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointments", x => x.id);
                    table.ForeignKey(
                        name: "fk_appointments_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_appointments_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "employee_services",
                columns: table => new
                {
                    employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    service_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employee_services", x => new { x.employee_id, x.service_id });
                    table.ForeignKey(
                        name: "fk_employee_services_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_employee_services_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "employee_hour_breaks",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    end = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    employee_working_hours_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employee_hour_breaks", x => x.id);
                    table.ForeignKey(
                        name: "fk_employee_hour_breaks_employee_working_hours_employee_working_hours_id",
                        column: x => x.employee_working_hours_id,
                        principalTable: "employee_working_hours",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appointment_claims",
                columns: table => new
                {
                    employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    cell_start_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    appointment_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_claims", x => new { x.employee_id, x.cell_start_utc });
                    table.ForeignKey(
                        name: "fk_appointment_claims_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appointment_reminders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    appointment_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    appointment_start_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    queued_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_appointment_reminders_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appointment_reschedules",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from_start_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    to_start_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    from_employee_id = table.Column<int>(type: "INTEGER", nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    appointment_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_reschedules", x => x.id);
                    table.ForeignKey(
                        name: "fk_appointment_reschedules_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_entity_entity_id_id",
                table: "admin_audit",
                columns: new[] { "entity", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_claims_appointment_id",
                table: "appointment_claims",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointment_reminders_appointment_id_kind_appointment_start_utc",
                table: "appointment_reminders",
                columns: new[] { "appointment_id", "kind", "appointment_start_utc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointment_reschedules_appointment_id",
                table: "appointment_reschedules",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_customer_email_start_utc",
                table: "appointments",
                columns: new[] { "customer_email", "start_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_employee_id_start_utc",
                table: "appointments",
                columns: new[] { "employee_id", "start_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_reference",
                table: "appointments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appointments_service_id",
                table: "appointments",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_start_utc_id",
                table: "appointments",
                columns: new[] { "start_utc", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_business_hour_breaks_business_hours_id",
                table: "business_hour_breaks",
                column: "business_hours_id");

            migrationBuilder.CreateIndex(
                name: "ix_business_hours_day",
                table: "business_hours",
                column: "day",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_closures_date",
                table: "closures",
                column: "date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_email_outbox_status_next_attempt_utc",
                table: "email_outbox",
                columns: new[] { "status", "next_attempt_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_employee_hour_breaks_employee_working_hours_id",
                table: "employee_hour_breaks",
                column: "employee_working_hours_id");

            migrationBuilder.CreateIndex(
                name: "ix_employee_services_service_id",
                table: "employee_services",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_employee_time_off_employee_id_from_to",
                table: "employee_time_off",
                columns: new[] { "employee_id", "from", "to" });

            migrationBuilder.CreateIndex(
                name: "ix_employee_working_hours_employee_id_day",
                table: "employee_working_hours",
                columns: new[] { "employee_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_expires_utc",
                table: "idempotency_keys",
                column: "expires_utc");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_key",
                table: "idempotency_keys",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_is_active",
                table: "services",
                column: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_slot_locks_expires_utc",
                table: "slot_locks",
                column: "expires_utc");

            migrationBuilder.CreateIndex(
                name: "ix_slot_locks_slot_date_employee_id_slot_time",
                table: "slot_locks",
                columns: new[] { "slot_date", "employee_id", "slot_time" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_slot_selections_expires_utc",
                table: "slot_selections",
                column: "expires_utc");

            migrationBuilder.CreateIndex(
                name: "ix_slot_selections_slot_date_employee_id_client_id",
                table: "slot_selections",
                columns: new[] { "slot_date", "employee_id", "client_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_slot_selections_slot_date_employee_id_expires_utc",
                table: "slot_selections",
                columns: new[] { "slot_date", "employee_id", "expires_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "admin_audit");

            migrationBuilder.DropTable(
                name: "appointment_claims");

            migrationBuilder.DropTable(
                name: "appointment_reminders");

            migrationBuilder.DropTable(
                name: "appointment_reschedules");

            migrationBuilder.DropTable(
                name: "business_hour_breaks");

            migrationBuilder.DropTable(
                name: "business_settings");

            migrationBuilder.DropTable(
                name: "closures");

            migrationBuilder.DropTable(
                name: "email_outbox");

            migrationBuilder.DropTable(
                name: "employee_hour_breaks");

            migrationBuilder.DropTable(
                name: "employee_services");

            migrationBuilder.DropTable(
                name: "employee_time_off");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "slot_locks");

            migrationBuilder.DropTable(
                name: "slot_selections");

            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "business_hours");

            migrationBuilder.DropTable(
                name: "employee_working_hours");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "employees");
        }
    }
}
