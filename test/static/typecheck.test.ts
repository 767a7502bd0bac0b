/** The whole project type-checks under strict TypeScript. */
import path from 'node:path';
import ts from 'typescript';

describe('types', () => {
  it('compile without errors under strict mode', () => {
    const root = path.resolve(__dirname, '..', '..');
    const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file));
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
    expect(parsed.options.strict).toBe(true);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) =>
      ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }),
    );
    expect(diagnostics).toEqual([]);
  });
});
