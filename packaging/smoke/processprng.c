/* TEST TOOLING ONLY, never shipped: a stand-in bcryptprimitives.dll for a Wine 8
 * test prefix. Go 1.22+ programs call ProcessPrng from bcryptprimitives.dll,
 * which Windows 10 and later have and Debian 12's Wine 8 lacks. This fills the
 * buffer from RtlGenRandom (advapi32!SystemFunction036), which Wine has.
 * Built by windows-wine.sh:
 *   x86_64-w64-mingw32-gcc -O2 -shared -o bcryptprimitives.dll processprng.c processprng.def */
#include <windows.h>

typedef BOOLEAN(WINAPI *rtl_gen_random)(PVOID, ULONG);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n)
{
	static rtl_gen_random gen;
	if (!gen) {
		HMODULE m = LoadLibraryW(L"advapi32.dll");
		gen = m ? (rtl_gen_random)(void *)GetProcAddress(m, "SystemFunction036") : NULL;
		if (!gen)
			return FALSE;
	}
	while (n > 0) {
		ULONG k = n > 0x40000000 ? 0x40000000 : (ULONG)n;
		if (!gen(data, k))
			return FALSE;
		data += k;
		n -= k;
	}
	return TRUE;
}
