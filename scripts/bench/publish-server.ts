// The publish benchmark's bucket: s3rver on 127.0.0.1 in a process of its own (so its memory is its
// own figure), storing under the folder given, and a stand-in for Aliyun CDN's API that notes when
// each purge arrived. Prints "READY <s3 origin> <cdn origin>" and one "PURGE <epoch ms>" per request.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => { run(): Promise<AddressInfo>; close(): Promise<void> };
const [directory = '/tmp/broadsheet-bench-s3', ...buckets] = process.argv.slice(2);
const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
const address = await s3.run();
const cdn = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    process.stdout.write(`PURGE ${Date.now()}\n`);
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"RefreshTaskId":"1"}');
  });
});
await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
process.stdout.write(`READY http://127.0.0.1:${address.port} http://127.0.0.1:${(cdn.address() as AddressInfo).port}/\n`);
process.on('SIGTERM', () => {
  cdn.close();
  void s3.close().then(() => process.exit(0));
});
