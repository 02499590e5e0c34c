package vec

// setAsm switches between the assembly and the fallback in tests.
func setAsm(on bool) { useAsm = on }
