// Composes subgraph SDLs with Apollo's own composition library.
//
// stdin:  JSON array of {"name": string, "url": string, "sdl": string}
// stdout: {"errors": [{"code", "message"}...], "hints": [{"code", "level", "message",
//          "coordinate"}...], "supergraphSdl": string | null}
//
// Exits 0 whenever it printed that JSON, errors included; non-zero only when the input
// could not be read or the library itself crashed (details on stderr).
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function errorJson(error, subgraph) {
  const code = error.extensions?.code ?? "UNKNOWN";
  const message = subgraph ? `[${subgraph}] ${error.message}` : error.message;
  return { code: String(code), message: String(message) };
}

function hintJson(hint) {
  return {
    code: hint.definition.code,
    level: hint.definition.level?.name ?? null,
    message: hint.message,
    coordinate: hint.coordinate ?? null,
  };
}

function compose(subgraphs) {
  const services = [];
  const parseErrors = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      parseErrors.push({ ...errorJson(error, name), code: "GRAPHQL_PARSE_FAILED" });
    }
  }
  if (parseErrors.length > 0) {
    return { errors: parseErrors, hints: [], supergraphSdl: null };
  }
  const result = composeServices(services);
  return {
    errors: (result.errors ?? []).map((error) => errorJson(error)),
    hints: (result.hints ?? []).map(hintJson),
    supergraphSdl: result.errors ? null : result.supergraphSdl,
  };
}

const input = JSON.parse(await readStdin());
if (!Array.isArray(input)) {
  throw new TypeError("expected a JSON array of {name, url, sdl} on stdin");
}
process.stdout.write(JSON.stringify(compose(input)));
process.exitCode = 0;
