// The small part of Eleventy 3's API that Broadsheet uses (the package ships no TypeScript types).
declare module '@11ty/eleventy' {
  export interface UserConfig {
    addGlobalData(name: string, value: unknown): void;
    addFilter(name: string, filter: (...args: any[]) => unknown): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    addWatchTarget(path: string): void;
    addPlugin<O>(plugin: (config: UserConfig, options: O) => void | Promise<void>, options?: O): void;
    addTransform(name: string, transform: (this: { page: { outputPath: string | false } }, content: string) => string | Promise<string>): void;
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    on(event: string, callback: (...args: any[]) => unknown): void;
    setUseGitIgnore(use: boolean): void;
    ignores: { add(glob: string): void };
    watchIgnores: { add(glob: string): void };
  }

  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: 'build' | 'serve' | 'watch';
    config?: (config: UserConfig) => void;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    /** Closes the file watcher and the dev server. */
    stopWatch(): Promise<void>;
    setIsVerbose(verbose: boolean): void;
  }
}
