package pipetest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// An execWatch sees every program the shell and its descendants start:
// the supervisor installs a seccomp filter that turns execve and execveat
// into a notification (SECCOMP_RET_USER_NOTIF), looks at the descriptors
// the program is about to inherit while it waits, and lets the exec go
// on. A descriptor leaks into a child when it survives the exec (no
// close-on-exec), is 10 or above (3 to 9 are the script's own numbers;
// shells keep theirs above), is not named in the program's arguments (as
// /dev/fd/N is by a process substitution) and is not a copy of the
// program's stdin, stdout or stderr (as the 63 of "cmd < <(...)" is in
// bash and pipesh alike).
type execWatch struct {
	fd    int
	mu    sync.Mutex
	leaks []string
}

// Kernel ABI of seccomp user notification (include/uapi/linux/seccomp.h).
type seccompData struct {
	Nr                 int32
	Arch               uint32
	InstructionPointer uint64
	Args               [6]uint64
}

type seccompNotif struct {
	ID    uint64
	Pid   uint32
	Flags uint32
	Data  seccompData
}

type seccompNotifResp struct {
	ID    uint64
	Val   int64
	Error int32
	Flags uint32
}

// auditArch is the AUDIT_ARCH_ value of this build's architecture.
func auditArch() (uint32, bool) {
	switch runtime.GOARCH {
	case "amd64":
		return unix.AUDIT_ARCH_X86_64, true
	case "arm64":
		return unix.AUDIT_ARCH_AARCH64, true
	}
	return 0, false
}

// startExecWatch installs the filter on the calling OS thread, which the
// caller has locked and from which it then starts the shell (the child
// inherits the filter; seccomp needs no_new_privs, which it inherits too,
// so set-user-ID programs run without their privileges). It returns the
// watch, whose loop must run on another goroutine.
func startExecWatch() (*execWatch, error) {
	arch, ok := auditArch()
	if !ok {
		return nil, fmt.Errorf("not supported on %s", runtime.GOARCH)
	}
	const (
		ldAbsW = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		jeqK   = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		retK   = unix.BPF_RET | unix.BPF_K
	)
	prog := []unix.SockFilter{
		{Code: ldAbsW, K: 4}, // seccomp_data.arch
		{Code: jeqK, Jt: 0, Jf: 3, K: arch},
		{Code: ldAbsW, K: 0}, // seccomp_data.nr
		{Code: jeqK, Jt: 2, Jf: 0, K: unix.SYS_EXECVE},
		{Code: jeqK, Jt: 1, Jf: 0, K: unix.SYS_EXECVEAT},
		{Code: retK, K: unix.SECCOMP_RET_ALLOW},
		{Code: retK, K: unix.SECCOMP_RET_USER_NOTIF},
	}
	fprog := unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return nil, fmt.Errorf("PR_SET_NO_NEW_PRIVS: %w", err)
	}
	fd, _, e := unix.RawSyscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, unix.SECCOMP_FILTER_FLAG_NEW_LISTENER, uintptr(unsafe.Pointer(&fprog)))
	runtime.KeepAlive(prog)
	if e != 0 {
		return nil, fmt.Errorf("seccomp: %w", e)
	}
	return &execWatch{fd: int(fd)}, nil
}

// loop answers notifications until the listener fails.
func (w *execWatch) loop() {
	for {
		var n seccompNotif
		_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(w.fd), unix.SECCOMP_IOCTL_NOTIF_RECV, uintptr(unsafe.Pointer(&n)))
		if e == unix.EINTR || e == unix.ENOENT {
			continue
		}
		if e != 0 {
			return
		}
		leaks := inheritedLeaks(int(n.Pid), n.Data)
		// the task may have died and its pid been reused while we looked
		id := n.ID
		if _, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(w.fd), unix.SECCOMP_IOCTL_NOTIF_ID_VALID, uintptr(unsafe.Pointer(&id))); e == 0 && len(leaks) > 0 {
			w.mu.Lock()
			w.leaks = append(w.leaks, leaks...)
			w.mu.Unlock()
		}
		resp := seccompNotifResp{ID: n.ID, Flags: unix.SECCOMP_USER_NOTIF_FLAG_CONTINUE}
		unix.Syscall(unix.SYS_IOCTL, uintptr(w.fd), unix.SECCOMP_IOCTL_NOTIF_SEND, uintptr(unsafe.Pointer(&resp)))
	}
}

// found returns the leaks seen so far.
func (w *execWatch) found() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.leaks...)
}

// inheritedLeaks describes the descriptors task pid, stopped at the entry
// of an exec, would pass to the new program against the rule above.
func inheritedLeaks(pid int, d seccompData) []string {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	path, argv := execArgs(pid, d)
	std := map[string]bool{}
	for fd := 0; fd <= 2; fd++ {
		if t, err := os.Readlink(fmt.Sprintf("%s/%d", dir, fd)); err == nil {
			std[t] = true
		}
	}
	var fds []int
	for _, e := range ents {
		fd, err := strconv.Atoi(e.Name())
		if err != nil || fd < 10 || strings.Contains(argv, "/fd/"+e.Name()) {
			continue
		}
		if t, err := os.Readlink(dir + "/" + e.Name()); err != nil || std[t] {
			continue
		}
		info, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%d", pid, fd))
		if err != nil || closeOnExec(info) {
			continue
		}
		fds = append(fds, fd)
	}
	sort.Ints(fds)
	var out []string
	for _, fd := range fds {
		target, _ := os.Readlink(fmt.Sprintf("%s/%d", dir, fd))
		out = append(out, fmt.Sprintf("fd %d -> %s into %s", fd, target, path))
	}
	return out
}

// closeOnExec reads the flags line of an fdinfo file.
func closeOnExec(info []byte) bool {
	for _, l := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(l, "flags:"); ok {
			flags, err := strconv.ParseUint(strings.TrimSpace(v), 8, 64)
			return err == nil && flags&unix.O_CLOEXEC != 0
		}
	}
	return false
}

// execArgs reads the program's path and its arguments, joined by spaces,
// from the waiting task's memory ("?" if that cannot be read).
func execArgs(pid int, d seccompData) (string, string) {
	mem, err := os.Open(fmt.Sprintf("/proc/%d/mem", pid))
	if err != nil {
		return "?", ""
	}
	defer mem.Close()
	pathArg, argvArg := d.Args[0], d.Args[1]
	if d.Nr == unix.SYS_EXECVEAT {
		pathArg, argvArg = d.Args[1], d.Args[2]
	}
	path, err := readCString(mem, pathArg)
	if err != nil {
		return "?", ""
	}
	var args []string
	for i := uint64(0); i < 4096; i++ {
		var p [8]byte
		if _, err := mem.ReadAt(p[:], int64(argvArg+8*i)); err != nil {
			break
		}
		ptr := binary.LittleEndian.Uint64(p[:])
		if ptr == 0 {
			break
		}
		s, err := readCString(mem, ptr)
		if err != nil {
			break
		}
		args = append(args, s)
	}
	return path, strings.Join(args, " ")
}

func readCString(mem *os.File, addr uint64) (string, error) {
	var sb strings.Builder
	buf := make([]byte, 256)
	for sb.Len() < 1<<16 {
		n, err := mem.ReadAt(buf, int64(addr)+int64(sb.Len()))
		if n > 0 {
			if i := strings.IndexByte(string(buf[:n]), 0); i >= 0 {
				sb.Write(buf[:i])
				return sb.String(), nil
			}
			sb.Write(buf[:n])
		}
		if err != nil && n == 0 {
			if errors.Is(err, syscall.EIO) && sb.Len() > 0 {
				return sb.String(), nil
			}
			return "", err
		}
	}
	return sb.String(), nil
}
