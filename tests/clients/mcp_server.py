"""zstack-sim driven by a real third-party client: PyPI's zstack-mcp-server
(its execute_api tool, called directly, with no language model), which
speaks the management node's RPC API. `make clients` runs it in a venv;
it starts zstack-sim itself, and exits non-zero, saying why, on the first
thing that does not hold."""

import asyncio
import json
import logging
import os
import subprocess
import sys

from zstack_mcp import server
from zstack_mcp.zstack_client import ZStackApiError, ZStackClient

# Its HTTP client logs every request; only what fails is of interest here.
logging.getLogger("httpx").setLevel(logging.WARNING)

MY_TASK = "5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71"


def check(what, ok, got):
    if not ok:
        sys.exit(f"zstack-mcp-server against zstack-sim: {what}: {json.dumps(got, ensure_ascii=False)[:2000]}")
    print(f"    ok: {what}")


async def call(api, parameters):
    return json.loads(await server.execute_api(api_name=api, parameters=parameters))


async def main():
    r = await call("QueryCbtTask", {"conditions": [{"name": "name", "op": "=", "value": "My Task"}]})
    check("QueryCbtTask (after logging in) finds My Task", r.get("success") and r["result"]["inventories"][0]["uuid"] == MY_TASK, r)
    r = await call("DisableCbtTask", {"uuid": MY_TASK, "force": True})
    check("DisableCbtTask is polled to its event", r.get("success") and r["result"].get("success") is True, r)
    r = await call("QueryCbtTask", {"conditions": [{"name": "uuid", "op": "=", "value": MY_TASK}]})
    check("the task reads back Stopped", r.get("success") and r["result"]["inventories"][0]["status"] == "Stopped", r)
    r = await call("DisableCbtTask", {"uuid": "0123456789abcdef0123456789abcdef"})
    check("an unknown task is SYS.1006", not r.get("success") and r.get("code") == "SYS.1006", r)

    client = ZStackClient()
    session = await client.login()
    await client.logout()
    stale = ZStackClient(session_id=session.uuid)
    try:
        await stale.execute("QueryCbtTask", "org.zstack.header.cbt.APIQueryCbtTaskMsg", {"conditions": []})
        check("a session logged out is refused", False, "it was accepted")
    except ZStackApiError as e:
        check("a session logged out is refused (ID.1001)", e.code == "ID.1001", str(e))
    finally:
        await stale.close()

    wrong = ZStackClient(password="not-the-password")
    try:
        await wrong.login()
        check("a wrong password is refused", False, "it signed in")
    except ZStackApiError as e:
        check("a wrong password is refused (ID.1000)", e.code == "ID.1000", str(e))
    finally:
        await wrong.close()


def start_sim():
    """Starts zstack-sim on a free port; returns it and its API base."""
    sim = subprocess.Popen(
        [os.environ.get("ZSTACK_SIM", "target/debug/zstack-sim"), "--port", "0", "--quiet", "--job-delay-ms", "300"],
        stdout=subprocess.PIPE, text=True,
    )
    for line in sim.stdout:
        if "API base:" in line:
            return sim, line.split("API base:")[1].strip()
    sys.exit("zstack-sim did not start")


sim, base = start_sim()
os.environ.update(ZSTACK_API_URL=base, ZSTACK_ACCOUNT="admin", ZSTACK_PASSWORD="password", ZSTACK_ALLOW_ALL_API="true")
try:
    asyncio.run(main())
finally:
    sim.terminate()
