import packageJson from "../../package.json" with { type: "json" };

/** The relay's version, sent in every batch and User-Agent: the package's own. */
export const RELAY_VERSION: string = packageJson.version;
