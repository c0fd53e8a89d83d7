/** Alias → absolute folder (see path-aliases.mjs). */
export declare const PATH_ALIASES: Record<string, string>;
