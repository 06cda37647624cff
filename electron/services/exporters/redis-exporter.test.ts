import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderComposeFile } from './compose-file';
import { fetchWhenReady, startProcess, waitForOutput } from './database-tool-checks';
import {
  RedisExporterParamsSchema,
  redisExporter,
  redisExporterArgs,
  redisExporterEnvironment,
} from './redis-exporter';
import { fillSecretTemplate, referencesSecrets } from './secret-template';
import { freeLoopbackPort, runTool, withTempFiles } from './tool-checks';

const debianBinary = '/usr/bin/prometheus-redis-exporter';
const seed = RedisExporterParamsSchema.parse({
  redisHost: 'redis',
  passwordSecretId: 'redis.password',
  checkKeys: ['myapp:user:*', 'myapp:session:*'],
  checkSingleKeys: ['myapp:config', 'myapp:feature_flags'],
});

describe('redis_exporter params', () => {
  it.each([
    { password: 'hunter2' },
    { passwordSecretId: '$(id)' },
    { redisHost: 'redis:6379' },
    { redisHost: 'redis;reboot' },
    { redisUser: 'default nopass' },
    { checkKeys: ['*'] },
    { checkKeys: ['db3=*'] },
    { checkKeys: ['a,b'] },
    { checkKeys: ['a b'] },
    { checkKeys: ["a'b"] },
    { checkKeys: ['a;rm -rf /'] },
    { checkKeys: ['$(reboot)'] },
    { checkKeys: ['`id`'] },
    { checkKeys: ['a\n--redis.addr=evil'] },
    { checkKeys: ['x:*', 'x:*'] },
    { checkSingleKeys: ['myapp:*'] },
    { checkSingleKeys: ['a"b'] },
    { arch: 'armv6' },
  ])('refuses %j', (input) => {
    expect(RedisExporterParamsSchema.safeParse(input).success).toBe(false);
  });

  it('accepts the seed patterns and per-database ones', () => {
    expect(RedisExporterParamsSchema.safeParse({ checkKeys: ['db3=jobs:*', 'cache:[ab]?:*'] }).success).toBe(
      true,
    );
  });
});

describe('redis_exporter artefacts', () => {
  it('writes the password as the JSON map redis_exporter reads, keyed by REDIS_ADDR', () => {
    const file = redisExporter.configFiles(seed, 'docker').find(referencesSecrets);
    expect(file).toMatchObject({
      path: '/etc/promstead/redis_exporter/password.json',
      mode: 0o600,
      owner: '59000:59000',
      content: '{"redis://redis:6379": ((promstead-secret:redis.password))}\n',
      secretRefs: ['redis.password'],
      secretEncoding: 'json-string',
    });
    expect(file && fillSecretTemplate(file, () => 'pa"ss\\')).toBe('{"redis://redis:6379": "pa\\"ss\\\\"}\n');
    expect(redisExporterEnvironment(seed)).toEqual({
      REDIS_ADDR: 'redis://redis:6379',
      REDIS_PASSWORD_FILE: '/etc/promstead/redis_exporter/password.json',
    });
    const open = RedisExporterParamsSchema.parse({});
    expect(redisExporter.configFiles(open, 'systemd').some(referencesSecrets)).toBe(false);
    expect(redisExporterEnvironment(open)).toEqual({ REDIS_ADDR: 'redis://localhost:6379' });
  });

  it('renders the key checks as flags', () => {
    expect(redisExporterArgs(seed, ':9121')).toEqual([
      '--check-keys=myapp:user:*,myapp:session:*',
      '--check-single-keys=myapp:config,myapp:feature_flags',
      '--include-system-metrics',
      '--is-tile38=false',
      '--web.listen-address=:9121',
    ]);
  });

  it('renders the golden files', async () => {
    await expect(redisExporter.systemdUnit(seed)).toMatchFileSnapshot('__golden__/redis_exporter.service');
    await expect(redisExporter.installScript(seed, {})).toMatchFileSnapshot(
      '__golden__/redis_exporter-install.sh',
    );
    await expect(redisExporter.uninstallScript(seed)).toMatchFileSnapshot(
      '__golden__/redis_exporter-uninstall.sh',
    );
    await expect(JSON.stringify(redisExporter.dockerContainer(seed, {}), null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/redis_exporter-container.json.golden',
    );
    await expect(renderComposeFile([redisExporter.composeService(seed, {})])).toMatchFileSnapshot(
      '__golden__/redis_exporter-compose.yml.golden',
    );
  });

  it('scrapes one job and proves itself with redis_up', () => {
    expect(redisExporter.scrapeJobs(seed, { host: 'cache.lan', tier: 'standard' }).jobs[0]).toMatchObject({
      jobName: 'redis',
      staticConfigs: [
        { targets: ['cache.lan:9121'], labels: { role: 'database', database_host: 'redis:6379' } },
      ],
    });
    expect(redisExporter.proofMetrics()).toEqual(['redis_up', 'redis_exporter_build_info']);
  });
});

describe('redis_exporter checked by the real tools', () => {
  it('passes systemd-analyze verify and bash -n', async () => {
    const params = { ...seed, binaryPath: debianBinary };
    await withTempFiles(
      {
        'redis_exporter.service': redisExporter.systemdUnit(params),
        'install.sh': redisExporter.installScript(params, {}),
        'uninstall.sh': redisExporter.uninstallScript(params),
      },
      async (directory) => {
        const verify = await runTool('systemd-analyze', [
          'verify',
          '--man=no',
          join(directory, 'redis_exporter.service'),
        ]);
        expect(verify.stderr).toBe('');
        expect(verify.code).toBe(0);
        for (const script of ['install.sh', 'uninstall.sh']) {
          const result = await runTool('bash', ['-n', join(directory, script)]);
          expect(result.stderr).toBe('');
          expect(result.code).toBe(0);
        }
      },
    );
  });

  it('runs Debian redis_exporter 1.45 against a real redis-server with the rendered password file', async () => {
    const redisPort = await freeLoopbackPort();
    const port = await freeLoopbackPort();
    const password = 'p@ss"w\\rd';
    await withTempFiles({}, async (directory) => {
      const params = RedisExporterParamsSchema.parse({
        redisHost: '127.0.0.1',
        redisPort,
        passwordSecretId: 'redis.password',
        checkKeys: ['myapp:user:*'],
        checkSingleKeys: ['myapp:config'],
        configDirectory: directory,
        listenAddress: '127.0.0.1',
        port,
      });
      for (const file of redisExporter.configFiles(params, 'systemd')) {
        if (referencesSecrets(file))
          await writeFile(
            file.path,
            fillSecretTemplate(file, () => password),
            { mode: 0o600 },
          );
      }
      const redis = startProcess('/usr/bin/redis-server', [
        '--bind',
        '127.0.0.1',
        '--port',
        String(redisPort),
        '--requirepass',
        password,
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        directory,
      ]);
      try {
        await waitForOutput(redis, /Ready to accept connections/);
        const cli = ['-h', '127.0.0.1', '-p', String(redisPort), '--no-auth-warning', '-a', password];
        await runTool('/usr/bin/redis-cli', [...cli, 'SET', 'myapp:user:1', 'alice']);
        await runTool('/usr/bin/redis-cli', [...cli, 'SET', 'myapp:config', 'on']);
        const exporter = startProcess(
          debianBinary,
          redisExporterArgs(params, `127.0.0.1:${port}`),
          redisExporterEnvironment(params),
        );
        try {
          const metrics = await fetchWhenReady(exporter, `http://127.0.0.1:${port}/metrics`);
          expect(metrics).toMatch(/^redis_up 1$/m);
          expect(metrics).toMatch(/^redis_exporter_build_info\{/m);
          expect(metrics).toMatch(/^redis_key_size\{db="db0",key="myapp:user:1"\} 5$/m);
          expect(metrics).toMatch(/^redis_key_size\{db="db0",key="myapp:config"\} 2$/m);
        } finally {
          exporter.stop();
        }
      } finally {
        redis.stop();
      }
    });
  });
});
