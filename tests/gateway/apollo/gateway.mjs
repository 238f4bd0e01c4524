// Apollo Gateway over a supergraph SDL file: the reference our Python gateway is held to.
//
// usage: node gateway.mjs <supergraph.graphql> <overrides.json | '{"name": "url"}'> <port>
//
// The second argument is a JSON object {subgraph name: url} (inline, or the path of a file
// holding it) replacing the url composed into the supergraph for those subgraphs. The
// server listens on 127.0.0.1:<port> at "/" and prints exactly one line "ready <port>" on
// stdout once it accepts requests; everything else (logs) goes to stderr.
import { existsSync, readFileSync } from "node:fs";

import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";

function usage(message) {
  process.stderr.write(`gateway.mjs: ${message}\n`);
  process.stderr.write("usage: node gateway.mjs <supergraph.graphql> <overrides-json> <port>\n");
  process.exit(2);
}

const [supergraphPath, overridesArgument, portArgument] = process.argv.slice(2);
if (!supergraphPath || overridesArgument === undefined || !portArgument) {
  usage("expected three arguments");
}
const port = Number.parseInt(portArgument, 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  usage(`bad port ${JSON.stringify(portArgument)}`);
}
const overridesText = existsSync(overridesArgument)
  ? readFileSync(overridesArgument, "utf8")
  : overridesArgument || "{}";
const overrides = JSON.parse(overridesText);
if (overrides === null || typeof overrides !== "object" || Array.isArray(overrides)) {
  usage("the overrides must be a JSON object {subgraph name: url}");
}
const supergraphSdl = readFileSync(supergraphPath, "utf8");

// Logs must not reach stdout, where the caller waits for the "ready" line.
const write = (level) => (...args) => process.stderr.write(`[${level}] ${args.join(" ")}\n`);
const logger = {
  debug: () => {},
  info: () => {},
  warn: write("warn"),
  error: write("error"),
};

const gateway = new ApolloGateway({
  supergraphSdl,
  logger,
  buildService({ name, url }) {
    return new RemoteGraphQLDataSource({ url: overrides[name] ?? url });
  },
});

const server = new ApolloServer({
  gateway,
  logger,
  csrfPrevention: false,
  // Subgraph errors are passed on as the gateway gets them; only the gateway's own
  // stack traces are left out, being volatile.
  includeStacktraceInErrorResponses: false,
  plugins: [ApolloServerPluginLandingPageDisabled()],
});

const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port } });
process.stdout.write(`ready ${new URL(url).port}\n`);

async function shutdown() {
  await server.stop();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
