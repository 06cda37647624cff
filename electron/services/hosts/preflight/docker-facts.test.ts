import { describe, expect, it } from 'vitest';
import { cgroupVersionFromDocker, dockerFactsFromApi } from './docker-facts';

describe('docker info and version', () => {
  it('keeps the fields a deploy needs', () => {
    const info = {
      ServerVersion: '20.10.24+dfsg1',
      Driver: 'overlay2',
      CgroupDriver: 'cgroupfs',
      CgroupVersion: '1',
      DockerRootDir: '/var/lib/docker',
      Containers: 3,
    };
    const version = { Version: '20.10.24+dfsg1', ApiVersion: '1.41', MinAPIVersion: '1.12' };
    const facts = dockerFactsFromApi(info, version);
    expect(facts).toEqual({
      status: 'reachable',
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
      storageDriver: 'overlay2',
      cgroupDriver: 'cgroupfs',
      cgroupVersion: '1',
      rootDir: '/var/lib/docker',
    });
    expect(cgroupVersionFromDocker(facts)).toBe('v1');
    expect(cgroupVersionFromDocker({ status: 'reachable', cgroupVersion: '2' })).toBe('v2');
  });

  it('takes only strings and numbers, cleaned, and an absolute root dir', () => {
    const facts = dockerFactsFromApi(
      {
        ServerVersion: { nested: true },
        Driver: 'a\u001b[2Jb',
        DockerRootDir: 'relative/path',
        CgroupVersion: 2,
      },
      null,
    );
    expect(facts).toEqual({ status: 'reachable', storageDriver: 'a [2Jb', cgroupVersion: '2' });
    expect(dockerFactsFromApi('garbage', [1, 2])).toEqual({ status: 'reachable' });
  });
});
