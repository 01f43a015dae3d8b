import { listFunctions } from '../../functions/function-catalog';
import path from 'node:path';

describe('handler modules', () => {
  it.each(listFunctions().map((definition) => [definition.id, definition.entry]))(
    '%s can be imported without any environment (config is read on first use)',
    (_id, entry) => {
      // Prepare
      const saved = { TABLE_NAME: process.env.TABLE_NAME, DOCUMENTS_BUCKET: process.env.DOCUMENTS_BUCKET };
      delete process.env.TABLE_NAME;
      delete process.env.DOCUMENTS_BUCKET;

      // Act
      let module: { handler?: unknown } | undefined;
      jest.isolateModules(() => {
        module = require(path.join(__dirname, '..', '..', entry));
      });
      Object.assign(process.env, saved);

      // Assess
      expect(typeof module?.handler).toBe('function');
    },
  );
});
