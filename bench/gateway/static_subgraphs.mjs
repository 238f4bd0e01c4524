// Static subgraphs for the gateway benchmark: record real subgraph answers, then replay them.
//
// usage: node static_subgraphs.mjs record <upstreams-json> <port>
//        node static_subgraphs.mjs replay <recording.json> <port>
//
// record: <upstreams-json> maps a path ("/accounts/graphql") to the url of the real subgraph
// behind it. Every POST to such a path is forwarded there and its answer is stored under
// the exact request body; GET /__recording returns what was stored as JSON:
// {"<path>\n<body>": {"status": 200, "contentType": "...", "body": "..."}}.
//
// replay: serves a recording. A POST whose path and exact body were recorded is answered
// with the stored bytes; anything else gets a 500 and counts as a miss. GET /__stats gives
// {"hits": n, "misses": n, "lastMiss": "..."}, so a benchmark can prove that every answer
// came from the recording.
//
// Either way the server listens on 127.0.0.1:<port> and prints "ready <port>" on stdout
// once it accepts connections.
import { readFileSync } from "node:fs";
import http from "node:http";

const [mode, argument, portArgument] = process.argv.slice(2);
if (!["record", "replay"].includes(mode) || !argument || !portArgument) {
  process.stderr.write("usage: node static_subgraphs.mjs record|replay <json> <port>\n");
  process.exit(2);
}

const stats = { hits: 0, misses: 0, lastMiss: null, conflicts: 0 };
const recording = new Map();

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response, status, value) {
  const body = Buffer.from(JSON.stringify(value));
  response.writeHead(status, { "content-type": "application/json", "content-length": body.length });
  response.end(body);
}

function recorder(upstreams) {
  return async (request, response) => {
    if (request.method === "GET" && request.url === "/__recording") {
      return sendJson(response, 200, Object.fromEntries(recording));
    }
    const upstream = upstreams[request.url];
    if (request.method !== "POST" || upstream === undefined) {
      return sendJson(response, 404, { errors: [{ message: `no upstream for ${request.url}` }] });
    }
    const body = await readBody(request);
    const answer = await fetch(upstream, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        accept: request.headers.accept ?? "application/json",
      },
    });
    const text = await answer.text();
    const contentType = answer.headers.get("content-type") ?? "application/json";
    const key = `${request.url}\n${body}`;
    const known = recording.get(key);
    if (known === undefined) {
      recording.set(key, { status: answer.status, contentType, body: text });
    } else if (known.body !== text) {
      stats.conflicts += 1;
    }
    const bytes = Buffer.from(text);
    response.writeHead(answer.status, { "content-type": contentType, "content-length": bytes.length });
    response.end(bytes);
  };
}

function replayer(stored) {
  // Precompute every answer's bytes and headers: a hit costs a map lookup and one write.
  const answers = new Map();
  for (const [key, { status, contentType, body }] of Object.entries(stored)) {
    const bytes = Buffer.from(body);
    answers.set(key, {
      status,
      headers: { "content-type": contentType, "content-length": bytes.length },
      bytes,
    });
  }
  return async (request, response) => {
    if (request.method === "GET" && request.url === "/__stats") {
      return sendJson(response, 200, stats);
    }
    const body = await readBody(request);
    const answer = answers.get(`${request.url}\n${body}`);
    if (answer === undefined) {
      stats.misses += 1;
      stats.lastMiss = `${request.url}\n${body}`;
      return sendJson(response, 500, { errors: [{ message: "not in the recording" }] });
    }
    stats.hits += 1;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.bytes);
  };
}

const handler =
  mode === "record"
    ? recorder(JSON.parse(argument))
    : replayer(JSON.parse(readFileSync(argument, "utf8")));
const server = http.createServer(handler);
// Gateways pool keep-alive connections; never close them under the load.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.listen(Number.parseInt(portArgument, 10), "127.0.0.1", () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
