import { canEdit, roleOfGrafanaUser } from './HostContext';

describe('roleOfGrafanaUser', () => {
  test.each([
    [{ orgRole: 'Viewer' }, 'viewer'],
    [{ orgRole: 'None' }, 'viewer'],
    [{ orgRole: '' }, 'viewer'],
    [undefined, 'viewer'],
    [{ orgRole: 'Editor' }, 'editor'],
    [{ orgRole: 'Admin' }, 'admin'],
    [{ orgRole: 'Viewer', isGrafanaAdmin: true }, 'admin'],
  ])('%j is %s', (user, role) => {
    expect(roleOfGrafanaUser(user)).toBe(role);
  });
});

describe('canEdit', () => {
  test.each([
    ['viewer', false],
    [undefined, false],
    ['editor', true],
    ['admin', true],
  ] as const)('%s: %s', (role, expected) => {
    expect(canEdit(role)).toBe(expected);
  });
});
