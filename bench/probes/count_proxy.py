"""TCP proxy in front of MariaDB that counts client->server reads (≈ protocol round trips; no pipelining in MySqlConnector).
Writes the running count to COUNT_FILE after each read."""
import asyncio, sys
listen_port, target_host, target_port, count_file = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
count = 0
def bump():
    global count
    count += 1
    with open(count_file, 'w') as f: f.write(str(count))
async def pipe(reader, writer, counting):
    try:
        while data := await reader.read(65536):
            if counting: bump()
            writer.write(data); await writer.drain()
    except Exception: pass
    finally: writer.close()
async def handle(cr, cw):
    sr, sw = await asyncio.open_connection(target_host, target_port)
    await asyncio.gather(pipe(cr, sw, True), pipe(sr, cw, False))
async def main():
    bump()
    srv = await asyncio.start_server(handle, '127.0.0.1', listen_port)
    async with srv: await srv.serve_forever()
asyncio.run(main())
