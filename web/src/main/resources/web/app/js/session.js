// The signed-in account, for components that show or hide things by it.
import { useEffect, useState } from 'preact/hooks';
import { currentUser, onSessionChange } from './api.js';

export function useUser() {
  const [user, setUser] = useState(currentUser());
  useEffect(() => onSessionChange(setUser), []);
  return user;
}

export function isAdmin(user) {
  return Boolean(user && user.role === 'ADMIN');
}
